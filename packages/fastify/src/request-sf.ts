import type { Connection } from 'jsforce';

// Declaration merging, as Fastify plugins do: importing the package types `request.sf` and the
// route option `config.salesforce`.
declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The authenticated, self-healing jsforce Connection of this request's Salesforce user, on
     * routes behind `salesforcePlugin` (absent on other routes).
     */
    sf: Connection;
  }
  interface FastifyContextConfig {
    /** With `routes: 'opted-in'`, `true` gives this route `request.sf`. */
    salesforce?: boolean;
  }
}
