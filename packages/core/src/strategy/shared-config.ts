import type { JwtBearerConfig } from '../config/jwt-bearer-config.js';
import { type ResolvedConfig, validateConfig } from '../config/validate-config.js';

/**
 * What every strategy made from one config shares (internal): the validated config (and with it
 * the parsed key) and the prefix of its cache keys. A strategy validates its options into one;
 * `forUser()` hands its own to the new strategy, so a pool of 10,000 users holds one config and
 * one prefix string (bench/pool.ts measures the heap per user).
 */
export class SharedConfig {
  readonly resolved: ResolvedConfig;
  /** `sf-jwt:<loginUrl>:<clientId>:`, followed by the username in each strategy's cache key. */
  readonly cacheKeyPrefix: string;

  constructor(resolved: ResolvedConfig) {
    this.resolved = resolved;
    this.cacheKeyPrefix = `sf-jwt:${resolved.loginUrl}:${resolved.clientId}:`;
  }

  /** @throws SalesforceAuthError `invalid_config` for any unusable option. */
  static validate(config: JwtBearerConfig): SharedConfig {
    return new SharedConfig(validateConfig(config));
  }
}
