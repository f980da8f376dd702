import { SalesforceAuthError } from '@sf-jwt/core';
import {
  bearerChallenge,
  type ConnectionForRequest,
  type ConnectionPool,
  connectionForRequest,
  DEFAULT_REALM,
  httpErrorResponse,
  type PoolOptions,
  type StrategySource,
} from '@sf-jwt/jsforce-adapter';
import type { Request } from 'express';
import type { Connection } from 'jsforce';
import { PassportAttempt } from './passport-attempt.js';
import {
  type AnyVerify,
  rejection,
  type SalesforceVerify,
  type SalesforceVerifyDone,
  type SalesforceVerifyWithRequest,
} from './passport-verify.js';

/**
 * Options for {@link SalesforceJwtStrategy}.
 *
 * @example
 * ```ts
 * new SalesforceJwtStrategy(baseConfig, { name: 'sf-user', subject: (req) => req.user?.sfUsername });
 * ```
 */
export interface SalesforceJwtStrategyOptions extends PoolOptions {
  /**
   * Registered name.
   * @defaultValue `'salesforce-jwt'`
   */
  name?: string;
  /** The Salesforce username for this request; returning nothing fails with 401. */
  subject?: (req: Request) => string | undefined | Promise<string | undefined>;
  /**
   * Call the verify callback as `(req, connection, done)`.
   * @defaultValue `false`
   */
  passReqToCallback?: boolean;
  /**
   * Let CORS preflights (`OPTIONS` with `Access-Control-Request-Method`) through with Passport's
   * `pass()`: no subject check, no token exchange.
   * @defaultValue `true`
   */
  passPreflight?: boolean;
  /**
   * The realm of the `WWW-Authenticate` challenge sent with each 401.
   * @defaultValue `'salesforce'`
   */
  realm?: string;
}

/**
 * A Passport strategy whose user is an authenticated jsforce Connection, or whatever an optional
 * verify callback (the last argument) maps it to. Exactly one of success, fail or error per
 * attempt; every failure is a 401 with a `WWW-Authenticate: Bearer` challenge.
 *
 * @example
 * ```ts
 * passport.use(new SalesforceJwtStrategy(config));
 * app.use(passport.initialize());
 * app.get('/accounts',
 *   passport.authenticate('salesforce-jwt', { session: false, assignProperty: 'sf' }),
 *   salesforceHandler(async (req, res) => {
 *     res.json((await req.sf.query('SELECT Name FROM Account')).records);
 *   }));
 * ```
 */
export class SalesforceJwtStrategy {
  readonly name: string;
  readonly connections: ConnectionPool;
  // Plain (not #private) members: Passport calls authenticate() on Object.create(this), and
  // #private fields do not resolve through the prototype chain.
  private readonly connect: ConnectionForRequest<Request>;
  private readonly verify: AnyVerify | undefined;
  private readonly passReqToCallback: boolean;
  private readonly realm: string;
  // Passport installs these on a per-request copy of the strategy before calling authenticate().
  declare success: (user: unknown, info?: unknown) => void;
  declare fail: (challenge?: unknown, status?: number) => void;
  declare error: (error: unknown) => void;
  declare pass: () => void;

  constructor(strategyOrConfig: StrategySource, verify?: SalesforceVerify);
  constructor(
    strategyOrConfig: StrategySource,
    options: SalesforceJwtStrategyOptions & { passReqToCallback?: false },
    verify?: SalesforceVerify,
  );
  constructor(
    strategyOrConfig: StrategySource,
    options: SalesforceJwtStrategyOptions & { passReqToCallback: true },
    verify: SalesforceVerifyWithRequest,
  );
  constructor(
    strategyOrConfig: StrategySource,
    optionsOrVerify?: SalesforceJwtStrategyOptions | AnyVerify,
    verify?: AnyVerify,
  ) {
    // Passport strategies take the verify callback last; @nestjs/passport appends its own there.
    const options = typeof optionsOrVerify === 'function' ? {} : (optionsOrVerify ?? {});
    this.verify = typeof optionsOrVerify === 'function' ? optionsOrVerify : verify;
    this.name = options.name ?? 'salesforce-jwt';
    const { name: _name, passReqToCallback, realm, ...rules } = options;
    this.connect = connectionForRequest({ ...rules, source: strategyOrConfig });
    this.connections = this.connect.connections;
    this.passReqToCallback = passReqToCallback ?? false;
    this.realm = realm ?? DEFAULT_REALM;
  }

  /** Called by Passport for each request, on a copy that has success, fail, error and pass. */
  authenticate(req: Request, _options?: unknown): void {
    const attempt = new PassportAttempt(this, req);
    try {
      this.connect(req, (error, connection) => {
        if (connection) this.withConnection(req, connection, attempt);
        else if (!error)
          this.pass(); // a CORS preflight
        else if (SalesforceAuthError.isInstance(error) && error.code === 'no_subject') {
          const { headers } = httpErrorResponse(error, { realm: this.realm });
          attempt.fail(headers['www-authenticate'], 401);
        } else attempt.error(error);
      });
    } finally {
      attempt.synchronous = false;
    }
  }

  private withConnection(req: Request, connection: Connection, attempt: PassportAttempt): void {
    const verify = this.verify;
    if (!verify) {
      attempt.success(connection);
      return;
    }
    const done: SalesforceVerifyDone = (error, user, info) => {
      if (error) attempt.error(error);
      else if (user) attempt.success(user, info);
      else attempt.fail(bearerChallenge(rejection(info), this.realm), 401);
    };
    const failed = (error: unknown) => {
      if (attempt.settled) attempt.raise(error);
      else attempt.error(error);
    };
    try {
      const returned = this.passReqToCallback
        ? (verify as SalesforceVerifyWithRequest)(req, connection, done)
        : (verify as SalesforceVerify)(connection, done);
      // An async verify that rejects: the same as one that throws, never an unhandled rejection.
      Promise.resolve(returned).then(undefined, failed);
    } catch (error) {
      failed(error);
    }
  }
}
