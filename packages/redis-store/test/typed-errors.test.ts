import { randomBytes } from 'node:crypto';
import { SalesforceAuthError } from '@sf-jwt/core';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore, type RedisTokenStoreOptions } from '../src/index.js';
import { TokenCipher } from '../src/token-cipher.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return SalesforceAuthError.isInstance(error) ? error.code : `untyped ${String(error)}`;
  }
  return undefined;
}

describe('the Redis store fails with typed errors', () => {
  it('refuses a missing redis option and non-positive timeouts with invalid_config', () => {
    expect(codeOf(() => new RedisTokenStore({} as RedisTokenStoreOptions))).toBe('invalid_config');
    expect(codeOf(() => new RedisTokenStore({ redis: 'redis://127.0.0.1:1', lockTtlMs: 0 }))).toBe(
      'invalid_config',
    );
    expect(
      codeOf(
        () => new RedisTokenStore({ redis: 'redis://127.0.0.1:1', commandTimeoutMs: Number.NaN }),
      ),
    ).toBe('invalid_config');
  });

  it('refuses an encryption key of the wrong length with invalid_config', () => {
    expect(codeOf(() => new TokenCipher(randomBytes(16)))).toBe('invalid_config');
  });

  it('reports a value it cannot decrypt as invalid_response, whatever is wrong with it', () => {
    const cipher = new TokenCipher(randomBytes(32));
    const sealed = cipher.encrypt('{"token":{}}', 'sf-jwt:a');
    expect(cipher.decrypt(sealed, 'sf-jwt:a')).toBe('{"token":{}}');
    expect(codeOf(() => cipher.decrypt(sealed, 'sf-jwt:b'))).toBe('invalid_response');
    expect(codeOf(() => cipher.decrypt('{"token":{}}', 'sf-jwt:a'))).toBe('invalid_response');
    expect(codeOf(() => new TokenCipher(randomBytes(32)).decrypt(sealed, 'sf-jwt:a'))).toBe(
      'invalid_response',
    );
  });

  it('accepts a client by its shape, not its class, and leaves it open on close', async () => {
    const calls: string[] = [];
    const client = {
      status: 'ready',
      get: async () => '{"token":{"accessToken":"from-the-given-client"}}',
      set: async () => 'OK',
      del: async () => 1,
      // Reads go through one script: the value and what remains of its TTL (-1: none).
      eval: async () => ['{"token":{"accessToken":"from-the-given-client"}}', -1],
      on: () => client,
      once: () => client,
      off: () => client,
      connect: async () => {},
      disconnect: () => calls.push('disconnect'),
    };
    const store = new RedisTokenStore({ redis: client as never });
    expect(await store.get('sf-jwt:key')).toEqual({
      token: { accessToken: 'from-the-given-client' },
    });
    await store.close();
    expect(calls).toEqual([]);
  });
});
