import type { Request } from 'express';
import type { Connection } from 'jsforce';
import { ConnectionPool, type PoolOptions, type StrategySource } from './connection-pool.js';

/** Options for {@link SalesforceJwtStrategy}. */
export interface SalesforceJwtStrategyOptions extends PoolOptions {
  /** Registered name (default `salesforce-jwt`). */
  name?: string;
  /** The Salesforce username for this request; returning nothing fails with 401. */
  subject?: (req: Request) => string | undefined | Promise<string | undefined>;
}

/**
 * A Passport strategy whose "user" is an authenticated jsforce Connection.
 *
 * @example
 * ```ts
 * passport.use(new SalesforceJwtStrategy(config));
 * app.use(passport.initialize());
 * app.get('/accounts',
 *   passport.authenticate('salesforce-jwt', { session: false, assignProperty: 'sf' }),
 *   async (req, res) => res.json((await req.sf.query('SELECT Name FROM Account')).records));
 * ```
 */
export class SalesforceJwtStrategy {
  readonly name: string;
  readonly connections: ConnectionPool;
  // Plain (not #private) members: Passport calls authenticate() on Object.create(this), and
  // #private fields do not resolve through the prototype chain.
  private readonly resolveSubject: SalesforceJwtStrategyOptions['subject'];
  // Passport installs these on a per-request copy of the strategy before calling authenticate().
  declare success: (user: Connection, info?: unknown) => void;
  declare fail: (challenge?: unknown, status?: number) => void;
  declare error: (error: unknown) => void;

  constructor(strategyOrConfig: StrategySource, options: SalesforceJwtStrategyOptions = {}) {
    this.name = options.name ?? 'salesforce-jwt';
    this.connections = new ConnectionPool(strategyOrConfig, options);
    this.resolveSubject = options.subject;
  }

  /** Called by Passport for each request. */
  authenticate(req: Request): void {
    void this.authenticateAsync(req);
  }

  private async authenticateAsync(req: Request): Promise<void> {
    try {
      const subject = this.resolveSubject ? await this.resolveSubject(req) : '';
      if (subject === undefined || (this.resolveSubject && subject === '')) {
        this.fail({ message: 'No Salesforce user is mapped to this request' }, 401);
        return;
      }
      this.success(await this.connections.get(subject));
    } catch (error) {
      this.error(error);
    }
  }
}
