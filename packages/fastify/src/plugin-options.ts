import type {
  ConnectionPool,
  HttpErrorOptions,
  PoolOptions,
  StrategySource,
} from '@sf-jwt/jsforce-adapter';
import type { FastifyRequest } from 'fastify';

/**
 * Options of {@link salesforcePlugin}. Give `source` (a config, strategy or factory) or a
 * `connections` pool to share between contexts.
 *
 * @example
 * ```ts
 * await app.register(salesforcePlugin, {
 *   source: { clientId, username: 'integration@acme.com', privateKeyFile: './server.key' },
 *   subject: (request) => request.headers['x-salesforce-user'] as string | undefined,
 *   routes: 'opted-in',
 * });
 * ```
 */
export interface SalesforcePluginOptions extends PoolOptions, HttpErrorOptions {
  /** Where each subject's strategy comes from (a base config's username is replaced by the subject). */
  source?: StrategySource;
  /** A pool to use instead of building one from `source` (e.g. shared between contexts). */
  connections?: ConnectionPool;
  /**
   * The Salesforce username to act as for this request (e.g. mapped from the signed-in user).
   * Left out: one integration user for the whole app. Returning nothing answers 401.
   */
  subject?: (request: FastifyRequest) => string | undefined | Promise<string | undefined>;
  /**
   * `all`: every route of the context the plugin is registered in gets `request.sf`;
   * `opted-in`: only routes declared with `config: { salesforce: true }`.
   * @defaultValue `'all'`
   */
  routes?: 'all' | 'opted-in';
  /**
   * Let CORS preflights (`OPTIONS` with `Access-Control-Request-Method`) through untouched.
   * @defaultValue `true`
   */
  passPreflight?: boolean;
  /**
   * Render sf-jwt errors (401, 500, 503 with codes, no secret) through Fastify's error handling;
   * other errors go to the error handler that was set before. `false` leaves errors to you
   * (render them with the adapter's `httpErrorResponse`).
   * @defaultValue `true`
   */
  errorHandler?: boolean;
}
