/**
 * Requests per second of a warm route that uses req.sf, against the same route without the
 * middleware, measured in the same run with autocannon on 127.0.0.1. Each app runs in its own
 * process; rounds alternate their order and the medians are compared.
 * Run: pnpm bench:middleware   (DURATION=seconds per round, default 5)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createTestOrg, startEmulator } from '../packages/emulator/src/index.js';

const DURATION = Number(process.env.DURATION ?? 5);
const ROUNDS = 6;

const org = await createTestOrg();
const emulator = await startEmulator({ setup: org.setup });
const config = {
  clientId: org.clientId,
  username: org.username,
  privateKey: org.privateKey,
  loginUrl: emulator.url,
};
const names = ['baseline', 'middleware', 'appWide'] as const;
const children: ChildProcess[] = [];
const urls = {} as Record<(typeof names)[number], string>;
for (const name of names) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./middleware-server.ts', import.meta.url))],
    {
      env: { ...process.env, BENCH_CONFIG: JSON.stringify(config), BENCH_APP: name },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  [urls[name]] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
}

async function measure(url: string, duration = DURATION): Promise<number> {
  const result = await autocannon({ url, connections: 16, duration });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return result.requests.average;
}

for (const name of names) await measure(urls[name], 4); // JIT warm-up, not counted
const results = { baseline: [] as number[], middleware: [] as number[], appWide: [] as number[] };
for (let round = 0; round < ROUNDS; round += 1) {
  const order = round % 2 === 0 ? names : [...names].reverse();
  for (const name of order) results[name].push(await measure(urls[name]));
}
for (const child of children) child.kill();
const exchanges = emulator.stats().tokenExchanges;
await emulator.stop();

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2
  );
};
const rps = (name: (typeof names)[number]) => median(results[name]).toFixed(0);
const ratio = (name: 'middleware' | 'appWide') =>
  (median(results[name]) / median(results.baseline)).toFixed(3);
console.log(
  `autocannon: 16 connections, ${DURATION}s per round, ${ROUNDS} rounds, order alternating (medians)`,
);
console.log(`route without middleware (baseline):      ${rps('baseline')} req/s`);
console.log(`route with salesforce() on it, req.sf:    ${rps('middleware')} req/s`);
console.log(`ratio with / without:                     ${ratio('middleware')} (target >= 0.9)`);
console.log(
  `same, mounted app-wide with app.use():    ${rps('appWide')} req/s, ratio ${ratio('appWide')}`,
);
console.log(`token exchanges during the run:           ${exchanges} (one per app at warm-up)`);
