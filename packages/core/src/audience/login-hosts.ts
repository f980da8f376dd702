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

/**
 * True for a sandbox My Domain host (`*.sandbox.my.salesforce.com`).
 * @example
 * ```ts
 * isSandboxMyDomainHost('acme--uat.sandbox.my.salesforce.com'); // true
 * ```
 */
export function isSandboxMyDomainHost(hostname: string): boolean {
  return /\.sandbox\.my\.salesforce\.(com|mil)$/i.test(hostname);
}
