import type { Request } from 'express';
import type { Connection } from 'jsforce';

/**
 * Passport's `done` for a verify callback: `done(error)`, `done(null, false, info)` to reject
 * (401 with a `Bearer` challenge), or `done(null, user, info)`. Only its first call counts.
 *
 * @example
 * ```ts
 * const verify: SalesforceVerify = (connection, done) =>
 *   connection.instanceUrl ? done(null, { sf: connection }) : done(null, false, { message: 'No org' });
 * ```
 */
export type SalesforceVerifyDone = (error: unknown, user?: unknown, info?: unknown) => void;

/**
 * Maps the authenticated Connection to Passport's user, in the last constructor argument as in
 * every Passport strategy (and as `@nestjs/passport` passes its `validate()`).
 *
 * @example
 * ```ts
 * new SalesforceJwtStrategy(config, (connection, done) => done(null, { sf: connection }));
 * ```
 */
export type SalesforceVerify = (connection: Connection, done: SalesforceVerifyDone) => unknown;

/**
 * A verify callback with `passReqToCallback: true`: it also gets the request.
 *
 * @example
 * ```ts
 * const verify: SalesforceVerifyWithRequest = (req, connection, done) => done(null, connection);
 * ```
 */
export type SalesforceVerifyWithRequest = (
  req: Request,
  connection: Connection,
  done: SalesforceVerifyDone,
) => unknown;

export type AnyVerify = SalesforceVerify | SalesforceVerifyWithRequest;

/** The description of a verify callback's rejection, as passport-http-bearer builds it. */
export function rejection(info: unknown): string {
  if (typeof info === 'string') return info;
  const message = (info as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : 'The verify callback rejected this user';
}
