import { oauthFieldsOf, SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import type { SalesforceToken } from '../types.js';

/** Only these answers mean "wrong kind of audience for this app", so only they try the next one. */
const AUDIENCE_ANSWERS = new Set(['invalid_audience', 'app_not_found']);

/**
 * Tries each audience in order until one is accepted. Never more than the candidates given (at
 * most two), and any other error is thrown at once: each attempt is a login against the rate limit.
 * @example
 * ```ts
 * const { token, audience } = await exchangeWithAudiences(audienceCandidates(config), (aud) =>
 *   exchangeAssertion(await signAssertion(resolved, aud, Date.now()), { loginUrl }),
 * );
 * ```
 */
export async function exchangeWithAudiences(
  candidates: readonly string[],
  attempt: (audience: string) => Promise<SalesforceToken>,
): Promise<{ token: SalesforceToken; audience: string }> {
  const failures: Array<{ audience: string; error: SalesforceAuthError }> = [];
  for (const audience of candidates) {
    try {
      return { token: await attempt(audience), audience };
    } catch (error) {
      if (!SalesforceAuthError.isInstance(error) || !AUDIENCE_ANSWERS.has(error.code)) throw error;
      if (candidates.length === 1) throw error;
      failures.push({ audience, error });
    }
  }
  const last = failures[failures.length - 1]!.error;
  const tried = failures
    .map(
      ({ audience, error }) =>
        `${audience} answered ${error.error ?? error.code}${error.errorDescription ? ` (${error.errorDescription})` : ''}`,
    )
    .join('; ');
  throw new SalesforceAuthError({
    code: last.code,
    message: `Audience discovery failed: ${tried}`,
    hint: 'Check the consumer key belongs to this org, or pin audience to the URL your admin gives (audience: "my-domain" for External Client Apps).',
    ...oauthFieldsOf(last),
    cause: last,
  });
}
