import {
  isLoopbackHost,
  isMyDomainHost,
  isSandboxMyDomainHost,
  PRODUCTION_LOGIN_URL,
  SANDBOX_LOGIN_URL,
} from './login-hosts.js';

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
