import type { AuthStrategy } from '@sf-jwt/core';

/**
 * A strategy whose `getToken()` is `real`'s but whose `refresh()` hands out tokens the org never
 * issued (`00Dnever1`, `00Dnever2`, ...): every fresh session is refused, the case a loop guard
 * must stop. `refreshed` is called on each refresh and returns the refresh's number.
 *
 * @example
 * ```ts
 * let refreshes = 0;
 * const refusing = refusingStrategy(env.strategy(), () => ++refreshes);
 * ```
 */
export function refusingStrategy(real: AuthStrategy, refreshed: () => number): AuthStrategy {
  return {
    name: 'refusing',
    getToken: () => real.getToken(),
    refresh: async () => ({ ...(await real.getToken()), accessToken: `00Dnever${refreshed()}` }),
  };
}
