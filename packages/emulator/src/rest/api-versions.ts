/**
 * The API versions served, as a Winter '27 org lists them (31.0 to 68.0, the first SOAP version
 * that takes JWT-based access tokens; jsforce's default 50.0 among them); any other answers 404
 * NOT_FOUND on REST, a fault on SOAP and InvalidVersion on Bulk API 1.0.
 */
export const API_VERSIONS = Array.from({ length: 68 - 31 + 1 }, (_, index) => `${31 + index}.0`);

/** True when `vXX.X` (or `XX.X`) is a version the emulator serves. */
export function servedVersion(part: string | undefined): boolean {
  return API_VERSIONS.includes((part ?? '').replace(/^v/, ''));
}
