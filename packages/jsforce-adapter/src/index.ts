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
export {
  bearerChallenge,
  type ConnectionCallback,
  type ConnectionForRequest,
  type ConnectionForRequestOptions,
  ConnectionPool,
  connectionForRequest,
  DEFAULT_REALM,
  type HttpErrorOptions,
  type HttpErrorResponse,
  httpErrorResponse,
  type PoolOptions,
  type SalesforceErrorBody,
  type SalesforceProblemBody,
  type ServerOwner,
  type ServerPoolOptions,
  type ServerRequest,
  type StrategySource,
  serverPool,
  statusForError,
} from './server/index.js';
