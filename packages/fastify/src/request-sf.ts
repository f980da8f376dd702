import type { Connection } from 'jsforce';
import type { SalesforceControls } from './salesforce-controls.js';

// Declaration merging, as Fastify plugins do: importing the package types `request.sf` and the
// route option `config.salesforce`, and `app.salesforce`.
declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The authenticated, self-healing jsforce Connection of this request's Salesforce user, on
     * routes behind `salesforcePlugin` (absent on other routes).
     */
    sf: Connection;
  }
  interface FastifyInstance {
    /** The pool and failure reset of the `salesforcePlugin` registered in this context. */
    salesforce: SalesforceControls;
  }
  interface FastifyContextConfig {
    /** With `routes: 'opted-in'`, `true` gives this route `request.sf`. */
    salesforce?: boolean;
  }
}
