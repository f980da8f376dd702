import {
  type AuthStrategy,
  type JwtBearerConfig,
  JwtBearerStrategy,
  sharedStrategy,
} from '@sf-jwt/core';
import { isAuthStrategy, withoutUndefined } from '@sf-jwt/core/internal';

/**
 * Whether a config shares its strategy (token cache) with the rest of the process.
 * @example
 * ```ts
 * const isolated = await createConnection(config, { shared: false }); // a token of its own
 * ```
 */
export interface SharingOptions {
  /**
   * With a config (not a strategy): use the process-wide strategy for an equivalent config, so a
   * connection per call costs one token exchange in total. `false` builds a strategy of its own.
   * @defaultValue true
   */
  shared?: boolean;
}

/** A strategy as is, or the strategy for a config (shared unless `shared: false`). */
export function resolveStrategy(
  strategyOrConfig: AuthStrategy | JwtBearerConfig,
  shared = true,
): AuthStrategy {
  if (isAuthStrategy(strategyOrConfig)) return strategyOrConfig;
  if (shared) return sharedStrategy(strategyOrConfig);
  return new JwtBearerStrategy(withoutUndefined(strategyOrConfig));
}
