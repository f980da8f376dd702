import assert from 'node:assert/strict';
import type { TokenStore } from '../types.js';
import { notice } from './contract-notice.js';
import type { TokenStoreContractOptions } from './contract-options.js';
import {
  contractFailure,
  contractKey,
  contractToken,
  withoutRemaining,
} from './contract-values.js';
import { exchangeContract } from './exchange-contract.js';

/**
 * Registers the tests every {@link TokenStore} must pass, with your runner's `describe` and `it`:
 * get/set/delete, values returned untouched, the login-failure window (TTL), and, for what the
 * store implements, `exchangeOnce` (compare-and-invalidate, one exchange for many callers, for 8
 * processes with `processes`) and failure sharing across processes. Optional methods the store
 * lacks are reported as skipped tests, with the reason in their name.
 *
 * @example
 * ```ts
 * // my-store.contract.test.ts
 * import { tokenStoreContract } from '@sf-jwt/core/testing';
 * import { describe, it } from 'vitest';
 * tokenStoreContract({ name: 'PostgresTokenStore', runner: { describe, it }, createStore: () => new PostgresTokenStore(pool) });
 * ```
 */
export function tokenStoreContract(options: TokenStoreContractOptions): void {
  const { runner } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const withStore = (body: (store: TokenStore) => Promise<void>) => async () => {
    const store = await options.createStore();
    try {
      await body(store);
    } finally {
      if (options.closeStore) await options.closeStore(store);
      else await (store as { close?: () => Promise<void> }).close?.();
    }
  };
  const test = (name: string, body: (store: TokenStore) => Promise<void>) =>
    runner.it(name, withStore(body), timeoutMs);

  runner.describe(`${options.name} meets the TokenStore contract`, () => {
    test('returns undefined for a key never set', async (store) => {
      assert.equal(await store.get(contractKey('never-set')), undefined);
    });

    test('returns a stored value untouched, every field and character as given', async (store) => {
      const key = contractKey('untouched');
      const value = contractToken();
      await store.set(key, value);
      assert.deepStrictEqual(await store.get(key), value);
      await store.delete(key);
    });

    test('replaces a value set twice, and keeps keys apart', async (store) => {
      const [key, other] = [contractKey('replace'), contractKey('other')];
      await store.set(key, contractToken('first'));
      await store.set(key, contractToken('second'));
      assert.equal((await store.get(key))?.token.accessToken, 'second');
      assert.equal(await store.get(other), undefined);
      await store.delete(key);
    });

    test('forgets a deleted value, and deletes a missing key without failing', async (store) => {
      const key = contractKey('delete');
      await store.set(key, contractToken());
      await store.delete(key);
      assert.equal(await store.get(key), undefined);
      await store.delete(key);
    });

    const failures = (store: TokenStore) => {
      if (!store.getLoginFailure || !store.setLoginFailure) {
        notice(options.name, 'has no getLoginFailure/setLoginFailure (optional)');
        return undefined;
      }
      return { get: store.getLoginFailure.bind(store), set: store.setLoginFailure.bind(store) };
    };
    test('remembers a login failure untouched, and forgets it when told', async (store) => {
      const memory = failures(store);
      if (!memory) return;
      const key = contractKey('failure');
      const failure = contractFailure(60_000);
      await memory.set(key, failure);
      assert.deepStrictEqual(withoutRemaining(await memory.get(key)), failure);
      await memory.set(key, undefined);
      assert.equal(await memory.get(key), undefined);
    });

    test('forgets a login failure once its window (windowMs) has passed', async (store) => {
      const memory = failures(store);
      if (!memory) return;
      const key = contractKey('failure-ttl');
      await memory.set(key, contractFailure(300));
      assert.ok(await memory.get(key), 'remembered during its window');
      await new Promise((resolve) => setTimeout(resolve, 900));
      assert.equal(await memory.get(key), undefined, 'gone 600 ms after its window');
    });

    exchangeContract(options, test, timeoutMs);
  });
}
