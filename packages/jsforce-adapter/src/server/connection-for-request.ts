import { SalesforceAuthError } from '@sf-jwt/core';
import type { Connection } from 'jsforce';
import type { ConnectionPool } from './connection-pool.js';
import { isPreflight, type ServerRequest } from './preflight.js';
import { type ServerOwner, type ServerPoolOptions, serverPool } from './server-pool.js';

/**
 * Options of {@link connectionForRequest}: the pool (see {@link ServerPoolOptions}), the subject
 * of each request, and the requests that pass through without a connection.
 * @example
 * ```ts
 * const options: ConnectionForRequestOptions<Request> = {
 *   source: baseConfig,
 *   subject: (req) => req.headers['x-salesforce-user'] as string | undefined,
 *   skip: (req) => req.url === '/health',
 * };
 * ```
 */
export interface ConnectionForRequestOptions<R> extends ServerPoolOptions {
  /**
   * The Salesforce username to act as for this request, now or later (a promise). Left out: one
   * integration user for the whole app. Returning nothing (`undefined` or `''`) is `no_subject`.
   */
  subject?: (request: R) => string | undefined | PromiseLike<string | undefined>;
  /**
   * Requests that pass through without a connection (e.g. health checks).
   * @defaultValue none
   */
  skip?: (request: R) => boolean;
  /**
   * Let CORS preflights (`OPTIONS` with `Access-Control-Request-Method`) pass through: no subject,
   * no token exchange.
   * @defaultValue `true`
   */
  passPreflight?: boolean;
}

/**
 * How {@link connectionForRequest} answers: `(error)`, `(undefined, connection)`, or
 * `(undefined, undefined)` for a request that passes through (skipped, or a preflight).
 * @example
 * ```ts
 * const done: ConnectionCallback = (error, connection) => (error ? next(error) : next());
 * ```
 */
export type ConnectionCallback = (error: unknown, connection?: Connection) => void;

/**
 * The function {@link connectionForRequest} returns, with its pool.
 * @example
 * ```ts
 * const connect: ConnectionForRequest<Request> = connectionForRequest({ source: config });
 * connect.connections.size; // subjects held
 * ```
 */
export type ConnectionForRequest<R> = ((request: R, done: ConnectionCallback) => void) & {
  readonly connections: ConnectionPool;
};

const isThenable = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  typeof (value as PromiseLike<T> | undefined)?.then === 'function';

/** Calls back with a value now, or once a thenable settles. */
function settle<T>(value: T | PromiseLike<T>, done: (error: unknown, value?: T) => void): void {
  if (isThenable(value)) value.then((ready) => done(undefined, ready), done);
  else done(undefined, value);
}

/**
 * The framework-neutral side of every server integration (Express, Passport, Fastify, Nest): for
 * each request, the skip and preflight rules, the subject (resolved now or later), `no_subject`
 * when it resolves to nothing, and the subject's connection from the pool. It calls back at once
 * when all is at hand (a warm subject costs a cache lookup; the single integration user, one
 * variable read), later otherwise. A throwing or rejecting `subject` is called back as its error.
 *
 * @throws `invalid_config` at once when neither `source` nor `connections` is given.
 * @example
 * ```ts
 * const connect = connectionForRequest<Request>({ source: config, subject: (req) => req.user?.sfUsername });
 * app.use((req, _res, next) =>
 *   connect(req, (error, connection) => {
 *     if (connection) req.sf = connection;
 *     next(error);
 *   }),
 * );
 * ```
 */
export function connectionForRequest<R extends ServerRequest>(
  options: ConnectionForRequestOptions<R>,
  owner?: ServerOwner,
): ConnectionForRequest<R> {
  const pool = serverPool(options, owner);
  const { subject: resolveSubject, skip, passPreflight = true } = options;
  const withSubject = (subject: string | undefined, done: ConnectionCallback) => {
    if (!subject) done(new SalesforceAuthError({ code: 'no_subject' }));
    else settle(pool.get(subject), done);
  };
  // One integration user: once its connection exists, a request costs one variable read.
  let single: Connection | undefined;
  const connect = (request: R, done: ConnectionCallback): void => {
    if (skip?.(request) || (passPreflight && isPreflight(request))) {
      done(undefined);
    } else if (!resolveSubject) {
      if (single) done(undefined, single);
      else
        settle(pool.get(''), (error, connection) => {
          if (connection) single = connection;
          done(error, connection);
        });
    } else {
      let subject: ReturnType<typeof resolveSubject>;
      try {
        subject = resolveSubject(request);
      } catch (error) {
        done(error);
        return;
      }
      settle(subject, (error, resolved) => (error ? done(error) : withSubject(resolved, done)));
    }
  };
  return Object.assign(connect, { connections: pool });
}
