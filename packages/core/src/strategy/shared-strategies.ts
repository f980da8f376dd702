import type { JwtBearerConfig } from '../config/jwt-bearer-config.js';
import type { AuthStrategy } from '../types.js';
import { withoutUndefined } from '../without-undefined.js';
import { configFingerprint } from './config-fingerprint.js';
import { JwtBearerStrategy } from './jwt-bearer-strategy.js';

/**
 * How many distinct configs the process-wide registry keeps (least recently used first out).
 * @defaultValue 100
 * @example
 * ```ts
 * // Beyond this many distinct configs, the least recently used one is built anew on next use.
 * console.log(MAX_SHARED_STRATEGIES); // 100
 * ```
 */
export const MAX_SHARED_STRATEGIES = 100;

const strategies = new Map<string, JwtBearerStrategy>();

/**
 * The process-wide {@link JwtBearerStrategy} for a config: every call with an equivalent config
 * returns the same strategy, so its token cache and single flight are shared and building a
 * connection per call costs one token exchange in total. Equivalent means the same login URL,
 * consumer key, username, key (by content; a key file by path and content) and every other option
 * (functions and stores by identity); a different key or option never shares a cache. Options set
 * to `undefined` are ignored. The registry keeps at most {@link MAX_SHARED_STRATEGIES} configs.
 *
 * The way out: build your own `new JwtBearerStrategy(config)` (not shared), or pass
 * `{ shared: false }` to the jsforce adapter's `createConnection` and `attach`.
 *
 * @throws SalesforceAuthError `invalid_config`, as the strategy's constructor.
 * @example
 * ```ts
 * const a = sharedStrategy({ clientId, username, privateKeyFile: './server.key' });
 * const b = sharedStrategy({ clientId, username, privateKeyFile: './server.key' });
 * a === b; // true: one token for both
 * ```
 */
export function sharedStrategy(config: JwtBearerConfig): JwtBearerStrategy {
  if (typeof config !== 'object' || config === null) return new JwtBearerStrategy(config);
  const defined = withoutUndefined(config);
  const fingerprint = configFingerprint(defined);
  if (fingerprint === undefined) return build(defined);
  const found = strategies.get(fingerprint);
  if (found) {
    strategies.delete(fingerprint);
    strategies.set(fingerprint, found);
    return found;
  }
  const strategy = build(defined);
  strategies.set(fingerprint, strategy);
  if (strategies.size > MAX_SHARED_STRATEGIES) {
    strategies.delete(strategies.keys().next().value as string);
  }
  return strategy;
}

/**
 * Drops a token from a strategy's cache and store (after it was revoked), unless it already holds
 * a newer one. The next `getToken()` exchanges.
 *
 * @returns `false` when the strategy has no cache to drop it from (not a JwtBearerStrategy).
 * @example
 * ```ts
 * await forgetSharedToken(strategy, revokedAccessToken);
 * ```
 */
export async function forgetSharedToken(
  strategy: AuthStrategy,
  accessToken: string,
): Promise<boolean> {
  const invalidate = (strategy as Partial<JwtBearerStrategy>).invalidate;
  if (typeof invalidate !== 'function') return false;
  await invalidate.call(strategy, accessToken);
  return true;
}

/**
 * Empties the registry (tests, or after rotating keys in place). Strategies already handed out
 * keep working; later calls build new ones.
 *
 * @example
 * ```ts
 * afterEach(() => clearSharedStrategies());
 * ```
 */
export function clearSharedStrategies(): void {
  strategies.clear();
}

function build(config: JwtBearerConfig): JwtBearerStrategy {
  return new JwtBearerStrategy(config);
}
