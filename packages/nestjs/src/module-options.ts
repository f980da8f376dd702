import type { IncomingHttpHeaders } from 'node:http';
import type { ModuleMetadata } from '@nestjs/common';
import type {
  ConnectionPool,
  HttpErrorOptions,
  PoolOptions,
  StrategySource,
} from '@sf-jwt/jsforce-adapter';

/**
 * What the module reads from a request to pick its subject: an Express or Fastify request.
 * @example
 * ```ts
 * const subject = (request: SalesforceSubjectRequest) => request.headers['x-user'] as string;
 * ```
 */
export interface SalesforceSubjectRequest {
  headers: IncomingHttpHeaders;
}

/**
 * Options of {@link SalesforceModule.forRoot}.
 * @example
 * ```ts
 * SalesforceModule.forRoot({
 *   source: { clientId, username: 'integration@acme.com', privateKeyFile: './server.key' },
 * });
 * ```
 */
export interface SalesforceModuleOptions extends PoolOptions, HttpErrorOptions {
  /** Where each subject's strategy comes from (a base config's username is replaced by the subject). */
  source?: StrategySource;
  /** A pool to use instead of building one from `source`. */
  connections?: ConnectionPool;
  /**
   * The Salesforce username for this request (the platform's request: Express or Fastify). With
   * it the Connection is request-scoped; without it one integration user serves the app, and its
   * Connection is created when the app starts. Returning nothing answers 401 `no_subject`.
   */
  subject?(request: SalesforceSubjectRequest): string | undefined | Promise<string | undefined>;
  /**
   * Register the exception filter (401 / 500 / 503 with a code, no secret) for the whole app.
   * @defaultValue `true`
   */
  exceptionFilter?: boolean;
  /**
   * Make the module's providers visible to every module.
   * @defaultValue `true`
   */
  isGlobal?: boolean;
}

/**
 * Options of {@link SalesforceModule.forRootAsync}: a factory for the options (e.g. from a
 * ConfigService), and whether the Connection is request-scoped.
 * @example
 * ```ts
 * SalesforceModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ source: config.get('salesforce') }),
 *   perRequest: false,
 * });
 * ```
 */
export interface SalesforceModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => SalesforceModuleOptions | Promise<SalesforceModuleOptions>;
  inject?: unknown[];
  /**
   * Whether the Connection is request-scoped, one subject per request (decided before the factory
   * runs, so it cannot follow `subject`). By default the Connection is one app-wide singleton, so
   * singletons, `@Cron` jobs and other code outside a request can inject it; set `true` with a
   * `subject` (Nest then makes every class injecting the Connection request-scoped too). A
   * `subject` without `perRequest: true` fails the start-up with `invalid_config`.
   * @defaultValue `false`
   */
  perRequest?: boolean;
  /** @defaultValue `true` */
  exceptionFilter?: boolean;
  /** @defaultValue `true` */
  isGlobal?: boolean;
}
