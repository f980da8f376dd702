import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  clearSharedStrategies,
  forgetSharedToken,
  type JwtBearerConfig,
  JwtBearerStrategy,
  MAX_SHARED_STRATEGIES,
  MemoryTokenStore,
  sharedStrategy,
} from '../src/index.js';
import { configFingerprint } from '../src/strategy/config-fingerprint.js';
import { makeKeys, okToken, server, tokenEndpoint } from './harness.js';

const keys = makeKeys();
const otherKeys = makeKeys();
const LOGIN = 'https://login.salesforce.com';
const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-shared-'));
const keyFile = join(dir, 'server.key');
writeFileSync(keyFile, keys.pkcs8, { mode: 0o600 });
const config: JwtBearerConfig = {
  clientId: '3MVG9-consumer-key',
  username: 'integration@acme.com',
  privateKeyFile: keyFile,
};

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  clearSharedStrategies();
});
afterAll(() => server.close());

describe('the process-wide strategy registry', () => {
  it('makes one token exchange for 20 strategies built from the same config', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    for (let call = 0; call < 20; call += 1) {
      await sharedStrategy({ ...config }).getToken();
    }
    expect(requests).toHaveLength(1);
  });

  it('ignores options set to undefined', () => {
    const strategy = sharedStrategy(config);
    expect(sharedStrategy({ ...config, loginUrl: undefined, timeoutMs: undefined })).toBe(strategy);
  });

  it('shares per login URL, consumer key, username, key and option', () => {
    const strategy = sharedStrategy(config);
    const variants: JwtBearerConfig[] = [
      { ...config, loginUrl: 'https://acme.my.salesforce.com' },
      { ...config, sandbox: true },
      { ...config, clientId: '3MVG9-other-app' },
      { ...config, username: 'other@acme.com' },
      { ...config, privateKeyFile: undefined, privateKey: otherKeys.pkcs8 },
      { ...config, timeoutMs: 5000 },
      { ...config, retry: false },
      { ...config, store: new MemoryTokenStore() },
      { ...config, fetch: (...args) => fetch(...args) },
    ];
    const built = variants.map((variant) => sharedStrategy(variant));
    expect(new Set([strategy, ...built]).size).toBe(variants.length + 1);
    expect(built.map((variant, index) => variant === sharedStrategy(variants[index]!))).toEqual(
      variants.map(() => true),
    );
  });

  it('never shares a cache between two keys, even at the same path', () => {
    const path = join(dir, 'rotated.key');
    writeFileSync(path, keys.pkcs8, { mode: 0o600 });
    const before = sharedStrategy({ ...config, privateKeyFile: path });
    writeFileSync(path, otherKeys.pkcs8, { mode: 0o600 });
    expect(sharedStrategy({ ...config, privateKeyFile: path })).not.toBe(before);
  });

  it('shares a key given as a PEM or a KeyObject by its content', () => {
    const pem = { ...config, privateKeyFile: undefined, privateKey: keys.pkcs8 };
    const object = { ...config, privateKeyFile: undefined, privateKey: keys.privateKey };
    const sameObject = { ...object, privateKey: createPrivateKey(keys.pkcs8) };
    expect(sharedStrategy(pem)).toBe(
      sharedStrategy({ ...pem, privateKey: Buffer.from(keys.pkcs8) }),
    );
    expect(sharedStrategy(object)).toBe(sharedStrategy(sameObject));
    expect(sharedStrategy(object)).not.toBe(
      sharedStrategy({ ...object, privateKey: otherKeys.privateKey }),
    );
  });

  it('keeps no key material in a fingerprint', () => {
    const fingerprint =
      configFingerprint({
        ...config,
        privateKeyFile: undefined,
        privateKey: keys.pkcs8,
        passphrase: 'correct horse',
      }) ?? '';
    for (const line of keys.pkcs8.split('\n').slice(1, 4)) expect(fingerprint).not.toContain(line);
    expect(fingerprint).not.toContain('correct horse');
  });

  it('reports an unreadable key file with its path, and does not cache the failure', () => {
    const missing = join(dir, 'missing.key');
    expect(() => sharedStrategy({ ...config, privateKeyFile: missing })).toThrowError(
      expect.objectContaining({
        code: 'invalid_config',
        message: expect.stringContaining(missing),
      }),
    );
    writeFileSync(missing, keys.pkcs8, { mode: 0o600 });
    expect(sharedStrategy({ ...config, privateKeyFile: missing })).toBeInstanceOf(
      JwtBearerStrategy,
    );
  });

  it('shares a config whose key file is unused because privateKey is given', () => {
    const both = { ...config, privateKey: keys.pkcs8, privateKeyFile: join(dir, 'absent.key') };
    expect(sharedStrategy(both)).toBe(sharedStrategy({ ...both }));
  });

  it('keeps at most MAX_SHARED_STRATEGIES configs', () => {
    const first = sharedStrategy(config);
    for (let index = 0; index < MAX_SHARED_STRATEGIES; index += 1) {
      sharedStrategy({ ...config, username: `user${index}@acme.com` });
    }
    expect(sharedStrategy(config)).not.toBe(first);
  });

  it('drops a revoked token from the shared cache, so the next getToken exchanges', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const strategy = sharedStrategy(config);
    const revoked = await strategy.getToken();
    expect(await forgetSharedToken(strategy, revoked.accessToken)).toBe(true);
    const fresh = await sharedStrategy(config).getToken();
    expect(fresh.accessToken).not.toBe(revoked.accessToken);
    expect(requests).toHaveLength(2);
    expect(await forgetSharedToken(strategy, revoked.accessToken)).toBe(true);
    expect((await strategy.getToken()).accessToken).toBe(fresh.accessToken);
    // A strategy built by hand drops a revoked token too.
    expect(await forgetSharedToken(new JwtBearerStrategy(config), fresh.accessToken)).toBe(true);
    expect(
      await forgetSharedToken(
        { name: 'x', getToken: strategy.getToken, refresh: strategy.refresh },
        't',
      ),
    ).toBe(false);
  });
});
