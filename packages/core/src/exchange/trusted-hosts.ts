import { isLoopbackHost } from '../audience/login-hosts.js';

// Domains Salesforce serves orgs from: commercial, Experience Cloud, Government Cloud and the
// China (Alibaba) cloud. A token response pointing anywhere else would send the bearer token there.
const SALESFORCE_DOMAINS = [
  'salesforce.com',
  'force.com',
  'site.com',
  'cloudforce.com',
  'database.com',
  'visualforce.com',
  'salesforce-sites.com',
  'salesforce.mil',
  'force.mil',
  'sfcrmapps.cn',
  'sfcrmproducts.cn',
];

/**
 * True when `value` is an https URL on a Salesforce-owned domain (or a listed extra suffix), or,
 * only when `allowLoopback` is set (the login URL is itself loopback: the emulator), a loopback URL.
 * @example
 * ```ts
 * isTrustedSalesforceUrl('https://acme.my.salesforce.com'); // true
 * isTrustedSalesforceUrl('https://evil.example.com'); // false
 * ```
 */
export function isTrustedSalesforceUrl(
  value: string,
  extraHosts: readonly string[] = [],
  allowLoopback = false,
): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  // A production login must never send its token to this machine's other services (Redis, Docker).
  if (isLoopbackHost(url.hostname)) {
    return allowLoopback && (url.protocol === 'http:' || url.protocol === 'https:');
  }
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return [...SALESFORCE_DOMAINS, ...extraHosts].some((domain) => {
    const suffix = domain.toLowerCase().replace(/^\.+/, '');
    return host === suffix || host.endsWith(`.${suffix}`);
  });
}
