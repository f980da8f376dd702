/**
 * The production login host and audience.
 * @example
 * ```ts
 * new JwtBearerStrategy({ ...config, loginUrl: PRODUCTION_LOGIN_URL });
 * ```
 */
export const PRODUCTION_LOGIN_URL = 'https://login.salesforce.com';
/**
 * The sandbox login host and audience.
 * @example
 * ```ts
 * new JwtBearerStrategy({ ...config, loginUrl: SANDBOX_LOGIN_URL });
 * ```
 */
export const SANDBOX_LOGIN_URL = 'https://test.salesforce.com';

/**
 * True for `localhost`, `127.x.x.x` and `[::1]`: the only hosts allowed over plain http.
 * @example
 * ```ts
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('login.salesforce.com'); // false
 * ```
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * True for a My Domain login host: `acme.my.salesforce.com`, `acme--uat.sandbox.my.salesforce.com`.
 * @example
 * ```ts
 * isMyDomainHost('acme.my.salesforce.com'); // true
 * ```
 */
export function isMyDomainHost(hostname: string): boolean {
  return /\.my\.salesforce\.com$/i.test(hostname) || /\.my\.salesforce\.mil$/i.test(hostname);
}

/** True for a sandbox My Domain host (`*.sandbox.my.salesforce.com`). */
export function isSandboxMyDomainHost(hostname: string): boolean {
  return /\.sandbox\.my\.salesforce\.(com|mil)$/i.test(hostname);
}

const SITE_HOST = /\.(my\.site\.com|force\.com|site\.com|my\.salesforce-sites\.com)$/i;

/**
 * The classic audience (`aud`) for a login URL: production and My Domain →
 * https://login.salesforce.com; test.salesforce.com and sandbox My Domains →
 * https://test.salesforce.com; an Experience Cloud site URL → that site URL.
 *
 * @param loginUrl - Where the token request goes.
 * @param sandbox - For a loopback (emulator) URL: act as a sandbox.
 * @example
 * ```ts
 * deriveAudience('https://acme--uat.sandbox.my.salesforce.com'); // 'https://test.salesforce.com'
 * deriveAudience('https://acme.my.site.com/partners'); // 'https://acme.my.site.com/partners'
 * ```
 */
export function deriveAudience(loginUrl: string, sandbox = false): string {
  const url = new URL(loginUrl);
  const host = url.hostname.toLowerCase();
  if (host === 'test.salesforce.com' || isSandboxMyDomainHost(host)) return SANDBOX_LOGIN_URL;
  if (isLoopbackHost(host)) return sandbox ? SANDBOX_LOGIN_URL : PRODUCTION_LOGIN_URL;
  const path = url.pathname.replace(/\/+$/, '');
  if (SITE_HOST.test(host) || (path !== '' && !isMyDomainHost(host))) {
    return `${url.origin}${path}`;
  }
  return PRODUCTION_LOGIN_URL;
}
