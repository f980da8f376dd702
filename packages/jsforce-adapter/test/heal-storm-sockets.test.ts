import { JwtBearerStrategy } from '@sf-jwt/core';
import type { EmulatorStats } from '@sf-jwt/emulator';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EmulatorProcess,
  startEmulatorProcess,
} from '../../../test/support/emulator-child.js';
import { createConnection } from '../src/index.js';

// Salesforce in another process, as in production: a storm's 401s and the token exchange then
// end in the same turn of the client's event loop, which an emulator sharing the test's event
// loop does not reproduce.
let emulator: EmulatorProcess;
let storm: { failures: unknown[]; counted: (field: keyof EmulatorStats) => number };

const CONNECTIONS = 5;
const CALLS = 500;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  const strategy = new JwtBearerStrategy(emulator.config);
  const connections = await Promise.all(
    Array.from({ length: CONNECTIONS }, () => createConnection(strategy)),
  );
  await emulator.expireSessions();
  const before = await emulator.stats();
  const results = await Promise.allSettled(
    connections.flatMap((conn) =>
      Array.from({ length: CALLS }, () => conn.query('SELECT Id FROM Account')),
    ),
  );
  const after = await emulator.stats();
  storm = {
    failures: results.filter((result) => result.status === 'rejected'),
    counted: (field) => (after[field] as number) - (before[field] as number),
  };
});
afterAll(() => emulator?.stop());

// jsforce 3.10.16 sends through node-fetch on Node's http Agent, which keeps at most 256 idle
// sockets (`maxFreeSockets`) and closes the rest: a storm's retried calls cannot reuse the
// first wave's 2,500 sockets there, whenever they are sent.
const reusesEverySocket = !/^3\.10\.(\d|1[0-6])$/.test(jsforce.VERSION);

describe(`a heal storm against Salesforce in another process: ${CONNECTIONS} connections × ${CALLS} calls after an expiry`, () => {
  it('is healed by one exchange, every call answered after one retry', () => {
    expect(storm.failures).toEqual([]);
    expect(storm.counted('tokenExchanges')).toBe(1);
    expect(storm.counted('rejectedApiRequests')).toBe(CONNECTIONS * CALLS);
    expect(storm.counted('apiRequests')).toBe(2 * CONNECTIONS * CALLS);
  });

  it.skipIf(!reusesEverySocket)(
    "sends the retried calls on the first wave's keep-alive sockets (jsforce 3.10.17 and later)",
    () => {
      // At most one new socket per call of the first wave. Released in the turn their 401s
      // ended in, the 2,500 retried calls would find every socket still held and open ~2,500.
      expect(storm.counted('connections')).toBeLessThanOrEqual(CONNECTIONS * CALLS);
    },
  );
});
