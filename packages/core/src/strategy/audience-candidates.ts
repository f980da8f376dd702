import { deriveAudience, isMyDomainHost } from '../derive-audience.js';
import type { ResolvedConfig } from './validate-config.js';

/**
 * The audiences to try, in order. A pinned audience (a URL or 'my-domain') is the only one.
 * Left out with a My Domain login URL, the classic audience comes first and the My Domain origin
 * second: classic connected apps want the former, External Client Apps the latter, and the
 * strategy cannot know which kind the admin made until Salesforce answers.
 * @example
 * ```ts
 * audienceCandidates({ loginUrl: 'https://acme.my.salesforce.com', sandbox: false, audience: undefined });
 * // ['https://login.salesforce.com', 'https://acme.my.salesforce.com']
 * ```
 */
export function audienceCandidates(
  config: Pick<ResolvedConfig, 'audience' | 'loginUrl' | 'sandbox'>,
): string[] {
  const origin = new URL(config.loginUrl).origin;
  if (config.audience === 'my-domain') return [origin];
  if (config.audience !== undefined) return [config.audience];
  const classic = deriveAudience(config.loginUrl, config.sandbox);
  return isMyDomainHost(new URL(config.loginUrl).hostname) ? [classic, origin] : [classic];
}
