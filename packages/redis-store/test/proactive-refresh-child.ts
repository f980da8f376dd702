// One process of a fleet refreshing before expiry: takes the shared token from the store
// (getToken(), prints `ready`), then on `go` on stdin moves its wall clock SHIFT_MS ahead (into
// the refresh window), makes CONCURRENCY concurrent getToken() calls and keeps calling until it
// holds a new token. Prints what the calls returned. Keys come from a file in a temporary
// directory, never the repository.

import { once } from 'node:events';
import { JwtBearerStrategy } from '../../core/src/index.js';
import { RedisTokenStore } from '../src/index.js';
import { configFromEnv } from './fleet.js';

export interface ProactiveChildResult {
  /** The token held before the window. */
  first: string;
  /** Distinct tokens the concurrent calls inside the window returned. */
  during: string[];
  /** The token held at the end. */
  final: string;
}

const env = process.env;
let shift = 0;
const store = new RedisTokenStore({ redis: env.REDIS_URL!, commandTimeoutMs: 5000 });
const strategy = new JwtBearerStrategy({
  ...configFromEnv(env),
  store,
  refreshBeforeExpiryMs: 120_000,
  // The wall clock jumps into the refresh window on `go`; durations stay on the monotonic clock.
  now: () => Date.now() + shift,
  monotonicNow: () => performance.now(),
});
const first = (await strategy.getToken()).accessToken;
process.stdout.write('ready\n');
await once(process.stdin, 'data');
shift = Number(env.SHIFT_MS);
const count = Number(env.CONCURRENCY ?? 25);
const during = await Promise.all(Array.from({ length: count }, () => strategy.getToken()));
let final = first;
for (let turn = 0; turn < 1000 && final === first; turn += 1) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  const calls = await Promise.all(Array.from({ length: 5 }, () => strategy.getToken()));
  during.push(...calls.filter((token) => token.accessToken === first));
  final = calls[calls.length - 1]!.accessToken;
}
const result: ProactiveChildResult = {
  first,
  during: [...new Set(during.map((token) => token.accessToken))],
  final,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
await store.close();
process.exit(0);
