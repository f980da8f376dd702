import { SalesforceAuthError } from '@sf-jwt/core';
import type { StrategySource } from '@sf-jwt/jsforce-adapter';
import type { NextFunction, Request, Response } from 'express';

/** Options for {@link Authenticator.authenticate}. */
export interface AuthenticateOptions {
  /** Requests this mount passes through without a connection. */
  skip?: (req: Request) => boolean;
}

import {
  type SalesforceMiddleware,
  type SalesforceMiddlewareOptions,
  salesforce,
} from './salesforce-middleware.js';

/**
 * Passport-like registry of named Salesforce strategies, each with its own connection cache.
 *
 * @example
 * ```ts
 * const auth = new Authenticator()
 *   .use('integration', integrationConfig)
 *   .use('per-user', baseConfig, { subject: (req) => req.user?.sfUsername });
 * app.get('/reports', auth.authenticate('integration'), handler);
 * ```
 */
export class Authenticator {
  readonly #middlewares = new Map<string, SalesforceMiddleware>();

  /** Registers (or replaces) a named strategy. */
  use(
    name: string,
    strategyOrConfig: StrategySource,
    options: SalesforceMiddlewareOptions = {},
  ): this {
    this.#middlewares.set(name, salesforce(strategyOrConfig, options));
    return this;
  }

  /**
   * The middleware for a registered name; throws `invalid_config` for an unknown name.
   * `options.skip` lets this mount pass some requests through untouched.
   */
  authenticate(name: string, options: AuthenticateOptions = {}): SalesforceMiddleware {
    const middleware = this.#middlewares.get(name);
    if (!middleware) {
      throw new SalesforceAuthError({
        code: 'invalid_config',
        message: `No Salesforce strategy is registered as "${name}"`,
        hint: `Call authenticator.use("${name}", config) before authenticate("${name}").`,
      });
    }
    const { skip } = options;
    if (!skip) return middleware;
    const skipping = (req: Request, res: Response, next: NextFunction) =>
      skip(req) ? next() : middleware(req, res, next);
    return Object.assign(skipping, { connections: middleware.connections });
  }
}
