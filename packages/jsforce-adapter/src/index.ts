export { type AttachOptions, attach } from './attach.js';
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
export type { ConnectionSummary } from './print-safely.js';
export type { RefreshGuardOptions } from './refresh-guard.js';
export type { SharingOptions } from './resolve-strategy.js';
export { REVOKE_TIMEOUT_MS } from './revoke-token.js';
export { bearerChallenge, DEFAULT_REALM } from './server/bearer-challenge.js';
export {
  type ConnectionCallback,
  type ConnectionForRequest,
  type ConnectionForRequestOptions,
  connectionForRequest,
} from './server/connection-for-request.js';
export {
  ConnectionPool,
  type PoolOptions,
  type StrategySource,
} from './server/connection-pool.js';
export {
  type HttpErrorOptions,
  type HttpErrorResponse,
  httpErrorResponse,
  type SalesforceErrorBody,
  type SalesforceProblemBody,
  statusForError,
} from './server/http-error-response.js';
export type { ServerRequest } from './server/preflight.js';
export { type ServerOwner, type ServerPoolOptions, serverPool } from './server/server-pool.js';
