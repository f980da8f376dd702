import { X509Certificate } from 'node:crypto';
import { renameSync } from 'node:fs';
import { createCertificate } from '@sf-jwt/core/certificate';
import type { RunningEmulator, TestOrg } from '@sf-jwt/emulator';
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  failureOf,
  orgTrusting,
  recordingSleep,
  signerStrategy,
} from '../../../test/support/signer-org.js';
import { skipWithout } from '../../../test/support/skip-without.js';
import { generatePkcs11KeyPair, type Pkcs11Signer, pkcs11Signer } from '../src/index.js';
import { initToken, PIN, SOFTHSM } from './softhsm.js';

const skip = skipWithout(SOFTHSM, 'packages/signer-pkcs11/test/softhsm-end-to-end.test.ts');

const TOKEN = 'sf-jwt-test';
const KEY = 'salesforce';
let library: string;
let tokenDir: string;
let emulator: RunningEmulator;
let org: TestOrg;
let hsm: Pkcs11Signer;
const waits: number[] = [];

const signerOptions = (extra: Record<string, unknown> = {}) => ({
  library,
  tokenLabel: TOKEN,
  pin: PIN,
  keyLabel: KEY,
  sleep: recordingSleep(waits),
  ...extra,
});

/** The test's own handle on the same module: what an operator or a failing HSM does to it. */
function operator() {
  const module = new pkcs11js.PKCS11();
  module.load(library);
  try {
    module.C_Initialize();
  } catch {}
  return module;
}

beforeAll(async () => {
  if (skip) return;
  ({ library, tokenDir } = initToken(TOKEN));
  generatePkcs11KeyPair({ library, tokenLabel: TOKEN, pin: PIN, keyLabel: KEY });
  hsm = pkcs11Signer(signerOptions());
  const publicKey = hsm.publicKey();
  const certificate = await createCertificate({ publicKey, signer: hsm.sign, commonName: 'hsm' });
  expect(new X509Certificate(certificate).verify(publicKey)).toBe(true);
  ({ org, emulator } = await orgTrusting(certificate));
}, 60_000);
afterAll(async () => {
  hsm?.close();
  await emulator?.stop();
});
beforeEach(() => {
  waits.length = 0;
});

const strategyWith = (sign = hsm.sign) => signerStrategy({ org, emulator }, sign);

describe('PKCS#11 signer against SoftHSM2 and the emulator', () => {
  it('keeps the generated private key inside the token: sensitive, never extractable', () => {
    const module = operator();
    const slot = module
      .C_GetSlotList(true)
      .find((item) => module.C_GetTokenInfo(item).label.trim() === TOKEN)!;
    const session = module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      module.C_Login(session, pkcs11js.CKU_USER, PIN);
    } catch {}
    module.C_FindObjectsInit(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_LABEL, value: KEY },
    ]);
    const key = module.C_FindObjects(session)!;
    module.C_FindObjectsFinal(session);
    const [extractable, sensitive] = module.C_GetAttributeValue(session, key, [
      { type: pkcs11js.CKA_EXTRACTABLE },
      { type: pkcs11js.CKA_SENSITIVE },
    ]);
    expect((extractable!.value as Buffer)[0]).toBe(0);
    expect((sensitive!.value as Buffer)[0]).toBe(1);
    let code = 0;
    try {
      module.C_GetAttributeValue(session, key, [{ type: pkcs11js.CKA_PRIVATE_EXPONENT }]);
    } catch (error) {
      code = (error as { code: number }).code;
    }
    expect(code).toBe(pkcs11js.CKR_ATTRIBUTE_SENSITIVE);
    module.C_CloseSession(session);
  });

  it('signs in the HSM an assertion the emulator verifies: one signature and one login for 50 callers', async () => {
    const { strategy, logins } = strategyWith();
    const before = emulator.stats().tokenExchanges;
    const tokens = await Promise.all(Array.from({ length: 50 }, () => strategy.getToken()));
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
    expect(logins()).toBe(1);
    expect(emulator.stats().tokenExchanges).toBe(before + 1);
  });

  it('opens a new session when the HSM closed its sessions, with one bounded wait', async () => {
    const module = operator();
    for (const slot of module.C_GetSlotList(true)) module.C_CloseAllSessions(slot);
    const { strategy, logins } = strategyWith();
    await strategy.getToken();
    expect(waits).toEqual([100]);
    expect(logins()).toBe(1);
  });

  it('an unplugged HSM fails with signer_unavailable after retries + 1 attempts and no login, then recovers', async () => {
    const module = operator();
    const unplugged = `${tokenDir}.unplugged`;
    renameSync(tokenDir, unplugged);
    module.C_Finalize();
    try {
      const { strategy, logins } = strategyWith();
      const before = emulator.stats().tokenExchanges + emulator.stats().failedTokenExchanges;
      const error = await failureOf(strategy.getToken());
      expect(error.code).toBe('signer_unavailable');
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(/after 3 attempts/);
      expect(waits).toEqual([100, 200]);
      expect(logins()).toBe(0);
      expect(emulator.stats().tokenExchanges + emulator.stats().failedTokenExchanges).toBe(before);
    } finally {
      renameSync(unplugged, tokenDir);
      try {
        operator().C_Finalize();
      } catch {}
    }
    // Plugged back in: the next login signs again, without a restart.
    const { strategy, logins } = strategyWith();
    await strategy.getToken();
    expect(logins()).toBe(1);
  });

  it('a wrong PIN is signer_denied at once, with the fix', async () => {
    const wrong = pkcs11Signer(signerOptions({ pin: '0000' }));
    hsm.close(); // a logged-in session would let any PIN through
    const { strategy, logins } = strategyWith(wrong.sign);
    const error = await failureOf(strategy.getToken());
    expect(error.code).toBe('signer_denied');
    expect(error.hint).toMatch(/PIN/);
    expect(waits).toEqual([]);
    expect(logins()).toBe(0);
  });

  it('a key label not on the token is signer_denied at once', async () => {
    const missing = pkcs11Signer(signerOptions({ keyLabel: 'no-such-key' }));
    const error = await failureOf(strategyWith(missing.sign).strategy.getToken());
    expect(error.code).toBe('signer_denied');
    expect(error.hint).toMatch(/keyLabel/);
    expect(waits).toEqual([]);
  });
});
