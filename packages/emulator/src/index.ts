export {
  type CertificateOptions,
  createKeyPairAndCertificate,
  type KeyPairAndCertificate,
} from '@sf-jwt/core/certificate';
export type { EmulatorControl } from './emulator-control.js';
export { EmulatorError, type EmulatorErrorCode } from './emulator-error.js';
export type { FaultSpec } from './faults.js';
export { loadSetup } from './load-setup.js';
export { OAUTH_ERRORS } from './oauth-errors.js';
export type { EmulatorField, EmulatorObject, FieldType } from './schema/field-types.js';
export type { EmulatorApp, EmulatorSetup, EmulatorUser } from './setup.js';
export {
  type PubSubInfo,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from './start-emulator.js';
export {
  type RunningTestOrg,
  type StartTestOrgOptions,
  startTestOrg,
} from './start-test-org.js';
export type { EmulatorStats, RequestLogEntry } from './stats.js';
export type { StreamingControl, StreamingStats } from './streaming/streaming-endpoint.js';
export { createTestOrg, type TestOrg, type TestOrgOptions } from './test-org.js';
