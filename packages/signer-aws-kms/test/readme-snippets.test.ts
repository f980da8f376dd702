import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@sf-jwt/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readmeQuotesExamples } from '../../../test/support/readme-quotes-examples.js';
import { orgTrusting, stubOrgEnv } from '../../../test/support/signer-org.js';
import { skipWithout } from '../../../test/support/skip-without.js';
import { createKmsKey, FAKE_AWS, MOTO, type MotoServer, startMoto } from './moto-server.js';

// Every ```ts block of the README is a file in examples/ (type-checked with the package), quoted
// after a `<!-- snippet: examples/NAME.ts -->` line. These tests prove the quotes are exact and
// run both examples as they are, configured only through the environment, against moto and the
// emulator.
readmeQuotesExamples(new URL('../', import.meta.url), 2);

const skip = skipWithout(MOTO, 'packages/signer-aws-kms/test/readme-snippets.test.ts');
let moto: MotoServer;
let emulator: RunningEmulator | undefined;
beforeAll(async () => {
  if (skip) return;
  moto = await startMoto();
  vi.stubEnv('KMS_KEY_ID', await createKmsKey(moto.url));
  vi.stubEnv('AWS_ENDPOINT_URL', moto.url);
  vi.stubEnv('AWS_REGION', FAKE_AWS.region);
  vi.stubEnv('AWS_ACCESS_KEY_ID', FAKE_AWS.credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', FAKE_AWS.credentials.secretAccessKey);
}, 60_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await emulator?.stop();
  await moto?.stop();
});

describe('README examples against moto and the emulator', () => {
  it('certificate.ts writes a certificate, and sign-with-kms.ts logs in with it', async () => {
    const certFile = join(await mkdtemp(join(tmpdir(), 'sf-jwt-kms-example-')), 'server.crt');
    vi.stubEnv('CERT_FILE', certFile);
    const { certificate } = await import('../examples/certificate.js');
    expect(await readFile(certFile, 'utf8')).toBe(certificate);
    const env = await orgTrusting(new X509Certificate(certificate).toString());
    emulator = env.emulator;
    stubOrgEnv(env);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { strategy } = await import('../examples/sign-with-kms.js');
    expect(log).toHaveBeenCalledWith(`logged in with a KMS signature at ${emulator.url}`);
    expect(emulator.stats().tokenExchanges).toBe(1);
    expect((await strategy.getToken()).instanceUrl).toBe(emulator.url);
  });
});
