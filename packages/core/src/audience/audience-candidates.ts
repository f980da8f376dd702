import { deriveAudience } from './derive-audience.js';
import { isMyDomainHost, PRODUCTION_LOGIN_URL, SANDBOX_LOGIN_URL } from './login-hosts.js';

/** What the audience depends on: the `loginUrl`, `sandbox` and `audience` options. */
export interface AudienceInput {
  /** @defaultValue `'https://login.salesforce.com'` (`'https://test.salesforce.com'` with `sandbox`) */
  loginUrl?: string | undefined;
  /** @defaultValue false */
  sandbox?: boolean | undefined;
  /** A URL, `'my-domain'`, or undefined to derive it. @defaultValue undefined */
  audience?: string | undefined;
}

/**
 * The audiences to try, in order. A pinned audience (a URL or 'my-domain') is the only one.
 * Left out with a My Domain login URL, the classic audience comes first and the My Domain origin
 * second: classic connected apps want the former, External Client Apps the latter, and the
 * strategy cannot know which kind the admin made until Salesforce answers.
 * @example
 * ```ts
 * audienceCandidates({ loginUrl: 'https://acme.my.salesforce.com' });
 * // ['https://login.salesforce.com', 'https://acme.my.salesforce.com']
 * ```
 */
export function audienceCandidates(config: AudienceInput): string[] {
  const loginUrl = config.loginUrl ?? (config.sandbox ? SANDBOX_LOGIN_URL : PRODUCTION_LOGIN_URL);
  const origin = new URL(loginUrl).origin;
  if (config.audience === 'my-domain') return [origin];
  if (config.audience !== undefined) return [config.audience];
  const classic = deriveAudience(loginUrl, config.sandbox === true);
  return isMyDomainHost(new URL(loginUrl).hostname) ? [classic, origin] : [classic];
}
