import assert from 'node:assert/strict';
import type { ExchangeOnceOptions, StoredToken, TokenStore } from '../types.js';
import { runFleet } from './contract-fleet.js';
import { notice } from './contract-notice.js';
import type { TokenStoreContractOptions } from './contract-options.js';
import {
  contractFailure,
  contractKey,
  contractToken,
  withoutRemaining,
} from './contract-values.js';

type Test = (name: string, body: (store: TokenStore) => Promise<void>) => unknown;

/** The `exchangeOnce` and fleet part of {@link tokenStoreContract}. */
export function exchangeContract(
  options: TokenStoreContractOptions,
  test: Test,
  timeoutMs: number,
): void {
  const once = (store: TokenStore) => {
    if (store.exchangeOnce) return store.exchangeOnce.bind(store);
    notice(options.name, 'has no exchangeOnce (optional: in-process single flight only)');
    return undefined;
  };
  const counted = (value: StoredToken, delayMs = 0) => {
    const exchange = async () => {
      exchange.calls += 1;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return value;
    };
    exchange.calls = 0;
    return exchange;
  };
  /** A fresh key holding a token 'held', and a counted exchange that would give 'fresh'. */
  const heldUnder = async (store: TokenStore, name: string) => {
    const key = contractKey(name);
    const held = contractToken('held');
    await store.set(key, held);
    return { key, held, exchange: counted(contractToken('fresh')) };
  };

  test('exchangeOnce on an empty key exchanges once, returns and stores the result', async (store) => {
    const exchangeOnce = once(store);
    if (!exchangeOnce) return;
    const key = contractKey('exchange');
    const value = contractToken();
    const exchange = counted(value);
    assert.deepStrictEqual(await exchangeOnce(key, { exchange }), value);
    assert.equal(exchange.calls, 1);
    assert.deepStrictEqual(await store.get(key), value);
    await store.delete(key);
  });

  test('exchangeOnce returns a held token other than the rejected one without exchanging (compare-and-invalidate)', async (store) => {
    const exchangeOnce = once(store);
    if (!exchangeOnce) return;
    const { key, held, exchange } = await heldUnder(store, 'compare');
    assert.deepStrictEqual(
      await exchangeOnce(key, { rejectedAccessToken: 'older', exchange }),
      held,
    );
    assert.equal(exchange.calls, 0);
    const fresh = await exchangeOnce(key, { rejectedAccessToken: 'held', exchange });
    assert.equal(fresh.token.accessToken, 'fresh');
    assert.equal(exchange.calls, 1);
    assert.equal((await store.get(key))?.token.accessToken, 'fresh');
    await store.delete(key);
  });

  test('exchangeOnce hands a stored value to accept() untouched, and exchanges when accept refuses it', async (store) => {
    const exchangeOnce = once(store);
    if (!exchangeOnce) return;
    const { key, held, exchange } = await heldUnder(store, 'accept');
    const seen: unknown[] = [];
    const accept: ExchangeOnceOptions['accept'] = (value) => {
      seen.push(value);
      return undefined;
    };
    assert.equal((await exchangeOnce(key, { exchange, accept })).token.accessToken, 'fresh');
    assert.deepStrictEqual(seen[0], held);
    assert.equal(exchange.calls, 1);
    await store.delete(key);
  });

  test('exchangeOnce makes one exchange for 20 concurrent callers, who all get its result', async (store) => {
    const exchangeOnce = once(store);
    if (!exchangeOnce) return;
    const key = contractKey('concurrent');
    const exchange = counted(contractToken('only'), 200);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => exchangeOnce(key, { exchange })),
    );
    assert.equal(exchange.calls, 1);
    assert.deepStrictEqual(
      new Set(results.map((result) => result.token.accessToken)),
      new Set(['only']),
    );
    await store.delete(key);
  });

  test('exchangeOnce rejects with the exchange error itself, and the next call exchanges again', async (store) => {
    const exchangeOnce = once(store);
    if (!exchangeOnce) return;
    const key = contractKey('throws');
    const failure = Object.assign(new Error('login failed'), { code: 'user_not_approved' });
    await assert.rejects(
      exchangeOnce(key, { exchange: () => Promise.reject(failure) }),
      (error) => error === failure,
    );
    const exchange = counted(contractToken('after'));
    assert.equal((await exchangeOnce(key, { exchange })).token.accessToken, 'after');
    assert.equal(exchange.calls, 1);
    await store.delete(key);
  });

  const { processes } = options;
  const count = processes?.count ?? 8;
  const fleet = () => {
    if (processes) return processes;
    notice(options.name, 'was given no `processes` (a store shared by a fleet must be)');
    return undefined;
  };
  test(`exchangeOnce makes one exchange for ${count} processes racing for one key`, async (store) => {
    const shared = fleet();
    if (!shared || !once(store)) return;
    const key = contractKey('fleet');
    const reports = await runFleet(
      shared,
      { mode: 'exchange', key, value: contractToken(), exchangeMs: 500 },
      count,
      timeoutMs,
    );
    const ran = reports.filter((report) => report.ran);
    assert.equal(ran.length, 1, `exchanges run by ${ran.map((report) => report.pid).join(', ')}`);
    const tokens = new Set(
      reports.map((report) => (report.value as StoredToken).token.accessToken),
    );
    assert.deepStrictEqual(tokens, new Set([`contract-${ran[0]!.pid}`]));
    assert.equal((await store.get(key))?.token.accessToken, `contract-${ran[0]!.pid}`);
    await store.delete(key);
  });

  test(`shares a remembered login failure, untouched, with ${count} other processes`, async (store) => {
    const shared = fleet();
    if (!shared || !store.setLoginFailure) return;
    const key = contractKey('fleet-failure');
    const failure = contractFailure(60_000);
    await store.setLoginFailure(key, failure);
    const reports = await runFleet(shared, { mode: 'failure', key }, count, timeoutMs);
    for (const report of reports) assert.deepStrictEqual(withoutRemaining(report.failure), failure);
    await store.setLoginFailure(key, undefined);
  });
}
