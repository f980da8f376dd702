import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@sf-jwt/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readmeQuotesExamples } from '../../../test/support/readme-quotes-examples.js';
import { orgTrusting, stubOrgEnv } from '../../../test/support/signer-org.js';
import { skipWithout } from '../../../test/support/skip-without.js';
import { initToken, PIN, SOFTHSM } from './softhsm.js';

// Every ```ts block of the README is a file in examples/ (type-checked with the package), quoted
// after a `<!-- snippet: examples/NAME.ts -->` line. These tests prove the quotes are exact and
// run both examples as they are, configured only through the environment, against SoftHSM2 and
// the emulator.
readmeQuotesExamples(new URL('../', import.meta.url), 2);

const skip = skipWithout(SOFTHSM, 'packages/signer-pkcs11/test/readme-snippets.test.ts');
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
    const env = await orgTrusting(certificate);
    emulator = env.emulator;
    stubOrgEnv(env);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { strategy } = await import('../examples/sign-with-hsm.js');
    expect(log).toHaveBeenCalledWith(`logged in with an HSM signature at ${emulator.url}`);
    expect(emulator.stats().tokenExchanges).toBe(1);
    expect((await strategy.getToken()).instanceUrl).toBe(emulator.url);
  });
});
