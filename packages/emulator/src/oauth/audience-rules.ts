import type { EmulatorApp, NormalisedSetup, NormalisedUser } from '../org/setup.js';
import type { OAuthErrorName } from './oauth-errors.js';

const LOGIN = 'https://login.salesforce.com';
const TEST = 'https://test.salesforce.com';
const LEGACY_HOSTS = new Set(['login.salesforce.com', 'test.salesforce.com']);

const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host);

/**
 * Which audience an app accepts, as Salesforce decides it (see the reference, "External Client
 * Apps and the audience"). `origin` is the host the token request was sent to: on the real
 * server (loopback) that host stands for the org's My Domain.
 */
export function checkAudience(
  setup: NormalisedSetup,
  app: EmulatorApp,
  user: NormalisedUser | undefined,
  audience: unknown,
  origin: URL,
): OAuthErrorName | undefined {
  const aud = typeof audience === 'string' ? audience.replace(/\/+$/, '') : '';
  const host = origin.hostname.toLowerCase();
  const myDomains = new Set<string>();
  if (setup.myDomain) myDomains.add(setup.myDomain);
  if (isLoopback(host) || (setup.myDomain && new URL(setup.myDomain).host === origin.host)) {
    myDomains.add(origin.origin);
  }
  const legacy = setup.environment === 'sandbox' ? TEST : LOGIN;

  if (app.kind === 'external-client-app') {
    if (LEGACY_HOSTS.has(host)) return 'appNotFound';
    if (myDomains.has(aud)) return undefined;
    return aud === LOGIN || aud === TEST ? 'appNotFound' : 'invalidAudience';
  }
  if (user?.siteUrl && aud === user.siteUrl) return undefined;
  if (aud === legacy) return undefined;
  // Reported: a classic connected app answers a My Domain audience as if the user had not approved it.
  if (myDomains.has(aud)) return 'notApproved';
  return 'invalidAudience';
}
