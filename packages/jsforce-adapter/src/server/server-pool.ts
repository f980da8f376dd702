import { JwtBearerStrategy, SalesforceAuthError } from '@sf-jwt/core';
import { isAuthStrategy } from '@sf-jwt/core/internal';
import { ConnectionPool, type PoolOptions, type StrategySource } from './connection-pool.js';

/**
 * Where a framework integration gets its {@link ConnectionPool}: built from `source`, or given
 * as `connections` (e.g. shared between contexts). One of the two is required.
 * @example
 * ```ts
 * const options: ServerPoolOptions = { source: baseConfig, maxSubjects: 1000, validateSource: true };
 * ```
 */
export interface ServerPoolOptions extends PoolOptions {
  /** Where each subject's strategy comes from (a base config's username is replaced by the subject). */
  source?: StrategySource;
  /** A pool to use instead of building one from `source`. */
  connections?: ConnectionPool;
  /**
   * Validate a config `source` now (key, consumer key, login URL), so that a bad one fails the
   * start-up with `invalid_config` instead of the first request; its strategy then serves as the
   * pool's template for every subject. Strategies and factories are taken as they are.
   * @defaultValue `false`: a config is validated by the first request that needs it
   */
  validateSource?: boolean;
}

/**
 * Who asks for the pool, for the `invalid_config` error when neither `source` nor `connections`
 * is given: the integration's name and how to call it right.
 * @example
 * ```ts
 * const owner: ServerOwner = { name: 'salesforcePlugin', usage: 'Register it with { source: config }.' };
 * ```
 */
export interface ServerOwner {
  name: string;
  usage: string;
}

const DEFAULT_OWNER: ServerOwner = {
  name: 'connectionForRequest',
  usage: 'Pass { source: { clientId, username, privateKeyFile } }.',
};

/**
 * The pool of a framework integration: `connections` as given, or a new pool over `source`.
 * Throws `invalid_config` when there is neither (or, with `validateSource`, for a bad config).
 * @example
 * ```ts
 * const pool = serverPool({ source: config, validateSource: true }, { name: 'myPlugin', usage: 'Pass { source }.' });
 * ```
 */
export function serverPool(
  options: ServerPoolOptions,
  owner: ServerOwner = DEFAULT_OWNER,
): ConnectionPool {
  if (options.connections) return options.connections;
  if (!options.source) {
    throw new SalesforceAuthError({
      code: 'invalid_config',
      message: `${owner.name} needs a source (config, strategy or factory) or connections`,
      hint: owner.usage,
    });
  }
  const source = options.validateSource ? validated(options.source) : options.source;
  return new ConnectionPool(source, options);
}

function validated(source: StrategySource): StrategySource {
  if (typeof source === 'function' || isAuthStrategy(source)) return source;
  const template = new JwtBearerStrategy(source);
  return (subject) => (subject === '' ? template : template.forUser(subject));
}
