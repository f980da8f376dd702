export { type AttachOptions, attach } from './attach.js';
export { bearerChallenge, DEFAULT_REALM } from './bearer-challenge.js';
export { ConnectionPool, type PoolOptions, type StrategySource } from './connection-pool.js';
export {
  type CreateConnectionOptions,
  createConnection,
  DEFAULT_API_VERSION,
} from './create-connection.js';
export type { AuthenticatedConnection } from './establish-session.js';
export type { HandshakePacing } from './handshake-pacer.js';
export {
  type HealingSubscription,
  type StreamingEvent,
  type SubscribeOptions,
  subscribe,
} from './healing-subscription.js';
export {
  type HttpErrorOptions,
  type HttpErrorResponse,
  httpErrorResponse,
  type SalesforceErrorBody,
  type SalesforceProblemBody,
  statusForError,
} from './http-error-response.js';
export type { ConnectionSummary } from './print-safely.js';
export type { RefreshGuardOptions } from './refresh-guard.js';
export type { SharingOptions } from './resolve-strategy.js';
export { REVOKE_TIMEOUT_MS } from './revoke-token.js';
