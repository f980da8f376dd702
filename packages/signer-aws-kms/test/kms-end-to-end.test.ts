import { X509Certificate } from 'node:crypto';
import { createCertificate } from '@sf-jwt/core/certificate';
import type { RunningEmulator, TestOrg } from '@sf-jwt/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  failureOf,
  orgTrusting,
  recordingSleep,
  signerStrategy,
} from '../../../test/support/signer-org.js';
import { skipWithout } from '../../../test/support/skip-without.js';
import { awsKmsPublicKey, awsKmsSigner } from '../src/index.js';
import { startFaultProxy } from './fault-proxy.js';
import { createKmsKey, FAKE_AWS, MOTO, type MotoServer, startMoto } from './moto-server.js';

const skip = skipWithout(MOTO, 'packages/signer-aws-kms/test/kms-end-to-end.test.ts');

let moto: MotoServer;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let emulator: RunningEmulator;
let org: TestOrg;
let keyId: string;
const waits: number[] = [];

const options = (extra: Record<string, unknown> = {}) => ({
  keyId,
  clientConfig: { ...FAKE_AWS, endpoint: proxy.url },
  sleep: recordingSleep(waits),
  ...extra,
});

beforeAll(async () => {
  if (skip) return;
  moto = await startMoto();
  proxy = await startFaultProxy(moto.url);
  keyId = await createKmsKey(moto.url);
  // The certificate to upload, signed by KMS itself: the private key never leaves it.
  const publicKey = await awsKmsPublicKey(options());
  const certificate = await createCertificate({
    publicKey,
    signer: awsKmsSigner(options()),
    commonName: 'kms-integration',
  });
  expect(new X509Certificate(certificate).verify(publicKey)).toBe(true);
  ({ org, emulator } = await orgTrusting(certificate));
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
  await proxy?.close();
  await moto?.stop();
});
beforeEach(() => {
  proxy?.reset();
  waits.length = 0;
});

const strategyWith = (signerOptions: Record<string, unknown> = {}) =>
  signerStrategy({ org, emulator }, awsKmsSigner(options(signerOptions)));

describe('AWS KMS signer against moto and the emulator', () => {
  it('signs an assertion with KMS that the emulator verifies, with one KMS call and one login', async () => {
    const { strategy, logins } = strategyWith();
    const before = emulator.stats().tokenExchanges;
    const token = await strategy.getToken();
    expect(token.instanceUrl).toBe(emulator.url);
    expect(proxy.calls('Sign')).toBe(1);
    expect(logins()).toBe(1);
    expect(emulator.stats().tokenExchanges).toBe(before + 1);
    // 50 concurrent callers still share that one token: no further signature, no login.
    await Promise.all(Array.from({ length: 50 }, () => strategy.getToken()));
    expect(proxy.calls('Sign')).toBe(1);
    expect(logins()).toBe(1);
  });

  it('rides out two ThrottlingExceptions with two bounded waits, then logs in once', async () => {
    proxy.fail('Sign', 'ThrottlingException', 2);
    const { strategy, logins } = strategyWith();
    await strategy.getToken();
    expect(proxy.calls('Sign')).toBe(3);
    expect(waits).toEqual([100, 200]);
    expect(logins()).toBe(1);
  });

  it('gives up after retries + 1 throttled calls with signer_unavailable, without a login', async () => {
    proxy.fail('Sign', 'ThrottlingException', 10);
    const { strategy, logins } = strategyWith();
    const before = emulator.stats().tokenExchanges + emulator.stats().failedTokenExchanges;
    const error = await failureOf(strategy.getToken());
    expect(error.code).toBe('signer_unavailable');
    expect(error.retryable).toBe(true);
    expect(error.hint).toMatch(/throttling/);
    expect(error.message).toMatch(/after 3 attempts/);
    expect(proxy.calls('Sign')).toBe(3);
    expect(logins()).toBe(0);
    expect(emulator.stats().tokenExchanges + emulator.stats().failedTokenExchanges).toBe(before);
    // Transient: not remembered, so the next call (KMS recovered) signs and logs in.
    proxy.reset();
    await strategy.getToken();
    expect(logins()).toBe(1);
  });

  it('stops at once on AccessDeniedException with signer_denied and the policy to fix', async () => {
    proxy.fail('Sign', 'AccessDeniedException', 1);
    const { strategy, logins } = strategyWith();
    const error = await failureOf(strategy.getToken());
    expect(error.code).toBe('signer_denied');
    expect(error.hint).toMatch(/kms:Sign/);
    expect(proxy.calls('Sign')).toBe(1);
    expect(logins()).toBe(0);
  });

  it('reports a key KMS does not know as signer_denied, from moto itself, without retrying', async () => {
    const { strategy, logins } = strategyWith({ keyId: '0b5bd6f4-0000-4000-8000-000000000000' });
    const error = await failureOf(strategy.getToken());
    expect(error.code).toBe('signer_denied');
    expect(error.hint).toMatch(/key id, alias or ARN/);
    expect(proxy.calls('Sign')).toBe(1);
    expect(logins()).toBe(0);
  });

  it('reports an unreachable KMS endpoint as signer_unavailable after bounded retries', async () => {
    const { strategy, logins } = strategyWith({
      clientConfig: { ...FAKE_AWS, endpoint: 'http://127.0.0.1:9' },
    });
    const error = await failureOf(strategy.getToken());
    expect(error.code).toBe('signer_unavailable');
    expect(waits).toEqual([100, 200]);
    expect(logins()).toBe(0);
  });
});
