import type { ConnectionPool } from '@sf-jwt/jsforce-adapter';

/**
 * What `salesforcePlugin` decorates the Fastify instance with, as `app.salesforce`: its pool and
 * the reset a remembered login failure's hint asks for.
 * @example
 * ```ts
 * await app.register(salesforcePlugin, { source: config });
 * // after fixing the setup a failed login pointed at (certificate, user, app approval):
 * await app.salesforce.clearLoginFailure(); // or clearLoginFailure('jane@acme.com') for a subject
 * ```
 */
export interface SalesforceControls {
  /** The plugin's pool (the one given as `connections`, or the one built from `source`). */
  readonly connections: ConnectionPool;
  /**
   * Forgets the login failure remembered for a subject (the integration user by default), so
   * its next request logs in at once.
   * @defaultValue subject `''`: the integration user
   */
  clearLoginFailure(subject?: string): Promise<void>;
}
