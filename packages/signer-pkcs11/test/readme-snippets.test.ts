import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestOrg, type RunningEmulator, startEmulator } from '@sf-jwt/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { skipWithoutSoftHsm } from './skip-without-softhsm.js';
import { initToken, PIN } from './softhsm.js';

// Every ```ts block of the README is a file in examples/ (type-checked with the package), quoted
// after a `<!-- snippet: examples/NAME.ts -->` line. These tests prove the quotes are exact and
// run both examples as they are, configured only through the environment, against SoftHSM2 and
// the emulator.
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

const skip = skipWithoutSoftHsm('packages/signer-pkcs11/test/readme-snippets.test.ts');
let emulator: RunningEmulator | undefined;
beforeAll(() => {
  if (skip) return;
  const { library } = initToken('sf-jwt');
  vi.stubEnv('PKCS11_LIBRARY', library);
  vi.stubEnv('PKCS11_PIN', PIN);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await emulator?.stop();
});

describe('README examples against SoftHSM2 and the emulator', () => {
  it('setup-token.ts makes a key in the token and its certificate; sign-with-hsm.ts logs in with it', async () => {
    const certFile = join(await mkdtemp(join(tmpdir(), 'sf-jwt-hsm-example-')), 'server.crt');
    vi.stubEnv('CERT_FILE', certFile);
    const { certificate } = await import('../examples/setup-token.js');
    expect(await readFile(certFile, 'utf8')).toBe(certificate);
    const org = await createTestOrg();
    org.setup.apps[0]!.certificate = certificate;
    emulator = await startEmulator({ setup: org.setup });
    vi.stubEnv('SF_JWT_CLIENT_ID', org.clientId);
    vi.stubEnv('SF_JWT_USERNAME', org.username);
    vi.stubEnv('SF_JWT_LOGIN_URL', emulator.url);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { strategy } = await import('../examples/sign-with-hsm.js');
    expect(log).toHaveBeenCalledWith(`logged in with an HSM signature at ${emulator.url}`);
    expect(emulator.stats().tokenExchanges).toBe(1);
    expect((await strategy.getToken()).instanceUrl).toBe(emulator.url);
  });
});
