import type { JwtBearerConfig } from '../config/jwt-bearer-config.js';
import type { AuthStrategy } from '../types.js';
import { JwtBearerStrategy } from './jwt-bearer-strategy.js';

/**
 * True for anything shaped like an {@link AuthStrategy} (from this or another copy of the package).
 *
 * @example
 * ```ts
 * isAuthStrategy(new JwtBearerStrategy(config)); // true
 * isAuthStrategy({ clientId: '...' }); // false
 * ```
 */
export function isAuthStrategy(value: unknown): value is AuthStrategy {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AuthStrategy>;
  return (
    typeof candidate.name === 'string' &&
    typeof candidate.getToken === 'function' &&
    typeof candidate.refresh === 'function'
  );
}

/**
 * Accepts a strategy as is, or builds a {@link JwtBearerStrategy} from a config.
 *
 * @example
 * ```ts
 * const strategy = toAuthStrategy({ clientId, username, privateKeyFile: './server.key' });
 * ```
 */
export function toAuthStrategy(strategyOrConfig: AuthStrategy | JwtBearerConfig): AuthStrategy {
  return isAuthStrategy(strategyOrConfig)
    ? strategyOrConfig
    : new JwtBearerStrategy(strategyOrConfig);
}
