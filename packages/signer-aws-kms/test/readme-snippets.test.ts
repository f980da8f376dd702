import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { createTestOrg, type RunningEmulator, startEmulator } from '@sf-jwt/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FAKE_AWS, type MotoServer, startMoto } from './moto-server.js';
import { skipWithoutMoto } from './skip-without-moto.js';

// Every ```ts block of the README is a file in examples/ (type-checked with the package), quoted
// after a `<!-- snippet: examples/NAME.ts -->` line. These tests prove the quotes are exact and
// run both examples as they are, configured only through the environment, against moto and the
// emulator.
const packageDir = new URL('../', import.meta.url);
const SNIPPET = /<!-- snippet: (\S+) -->\n```ts\n([\s\S]*?)```/g;

describe('README snippets', () => {
  it('are quoted exactly from examples/, every ts block', async () => {
    const text = await readFile(new URL('README.md', packageDir), 'utf8');
    const quoted = [...text.matchAll(SNIPPET)];
    expect(quoted.length).toBe(text.match(/```ts\n/g)?.length);
    expect(quoted.length).toBe(2);
    for (const [, path, code] of quoted) {
      expect(code).toBe(await readFile(new URL(path!, packageDir), 'utf8'));
    }
  });
});

const skip = skipWithoutMoto('packages/signer-aws-kms/test/readme-snippets.test.ts');
let moto: MotoServer;
let emulator: RunningEmulator | undefined;
beforeAll(async () => {
  if (skip) return;
  moto = await startMoto();
  const admin = new KMSClient({ ...FAKE_AWS, endpoint: moto.url });
  const { KeyMetadata } = await admin.send(
    new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }),
  );
  vi.stubEnv('KMS_KEY_ID', KeyMetadata!.KeyId!);
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
    const org = await createTestOrg();
    org.setup.apps[0]!.certificate = new X509Certificate(certificate).toString();
    emulator = await startEmulator({ setup: org.setup });
    vi.stubEnv('SF_JWT_CLIENT_ID', org.clientId);
    vi.stubEnv('SF_JWT_USERNAME', org.username);
    vi.stubEnv('SF_JWT_LOGIN_URL', emulator.url);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { strategy } = await import('../examples/sign-with-kms.js');
    expect(log).toHaveBeenCalledWith(`logged in with a KMS signature at ${emulator.url}`);
    expect(emulator.stats().tokenExchanges).toBe(1);
    expect((await strategy.getToken()).instanceUrl).toBe(emulator.url);
  });
});
