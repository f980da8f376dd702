export {
  type CertificateOptions,
  createKeyPairAndCertificate,
  type KeyPairAndCertificate,
} from '@sf-jwt/core/certificate';
export { OAUTH_ERRORS } from './oauth/oauth-errors.js';
export { loadSetup } from './org/load-setup.js';
export type { EmulatorField, EmulatorObject, FieldType } from './org/schema/field-types.js';
export type { EmulatorApp, EmulatorSetup, EmulatorUser } from './org/setup.js';
export {
  type PubSubInfo,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from './server/start-emulator.js';
export type { EmulatorControl } from './state/emulator-control.js';
export { EmulatorError, type EmulatorErrorCode } from './state/emulator-error.js';
export type { FaultSpec } from './state/faults.js';
export type { EmulatorStats, RequestLogEntry } from './state/stats.js';
export type { StreamingControl, StreamingStats } from './streaming/streaming-endpoint.js';
export {
  type RunningTestOrg,
  type StartTestOrgOptions,
  startTestOrg,
} from './testing/start-test-org.js';
export { createTestOrg, type TestOrg, type TestOrgOptions } from './testing/test-org.js';
