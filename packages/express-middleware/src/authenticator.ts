import { SalesforceAuthError } from '@sf-jwt/core';
import type { StrategySource } from './connection-pool.js';
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

  /** The middleware for a registered name; throws `invalid_config` for an unknown name. */
  authenticate(name: string): SalesforceMiddleware {
    const middleware = this.#middlewares.get(name);
    if (!middleware) {
      throw new SalesforceAuthError({
        code: 'invalid_config',
        message: `No Salesforce strategy is registered as "${name}"`,
        hint: `Call authenticator.use("${name}", config) before authenticate("${name}").`,
      });
    }
    return middleware;
  }
}
