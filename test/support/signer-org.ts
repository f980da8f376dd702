import { type AssertionSigner, JwtBearerStrategy, SalesforceAuthError } from '@sf-jwt/core';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '@sf-jwt/emulator';
import { vi } from 'vitest';

// What the signer packages' tests share: an org on the emulator whose connected app trusts the
// certificate of a key held in an HSM or KMS, and strategies that log in with that key.

/** A test org on a running emulator. */
export interface SignerOrg {
  org: TestOrg;
  emulator: RunningEmulator;
}

/** A test org whose connected app trusts `certificate` (PEM), on a running emulator. */
export async function orgTrusting(certificate: string): Promise<SignerOrg> {
  const org = await createTestOrg();
  org.setup.apps[0]!.certificate = certificate;
  const emulator = await startEmulator({ setup: org.setup });
  return { org, emulator };
}

/** A strategy for the org's user that signs with `signer`, and how many logins it attempted. */
export function signerStrategy(
  { org, emulator }: SignerOrg,
  signer: AssertionSigner,
): { strategy: JwtBearerStrategy; logins(): number } {
  const strategy = new JwtBearerStrategy({
    clientId: org.clientId,
    username: org.username,
    signer,
    loginUrl: emulator.url,
  });
  let logins = 0;
  strategy.on('loginAttempt', () => {
    logins += 1;
  });
  return { strategy, logins: () => logins };
}

/** A signer's `sleep` option that returns at once and records each wait (ms) in `waits`. */
export function recordingSleep(waits: number[]): (ms: number) => Promise<void> {
  return async (ms) => {
    waits.push(ms);
  };
}

/** The SalesforceAuthError `promise` rejects with; any other error is rethrown, a success fails. */
export async function failureOf(promise: Promise<unknown>): Promise<SalesforceAuthError> {
  try {
    await promise;
  } catch (error) {
    if (SalesforceAuthError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** Points the `SF_JWT_*` variables the README examples read at the org (undone by `vi.unstubAllEnvs`). */
export function stubOrgEnv({ org, emulator }: SignerOrg): void {
  vi.stubEnv('SF_JWT_CLIENT_ID', org.clientId);
  vi.stubEnv('SF_JWT_USERNAME', org.username);
  vi.stubEnv('SF_JWT_LOGIN_URL', emulator.url);
}
