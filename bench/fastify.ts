/**
 * Requests per second of a warm Fastify route that uses request.sf (salesforcePlugin), against
 * the same route without the plugin, measured in the same run with autocannon on 127.0.0.1. Each
 * app runs in its own process; rounds alternate their order and the medians are compared.
 * Run: pnpm bench:fastify   (DURATION=seconds per round, default 5)
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
const names = ['baseline', 'plugin', 'emptyHook'] as const;
const children: ChildProcess[] = [];
const urls = {} as Record<(typeof names)[number], string>;
for (const name of names) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./fastify-server.ts', import.meta.url))],
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

try {
  for (const name of names) await measure(urls[name], 4); // JIT warm-up, not counted
  const results = { baseline: [] as number[], plugin: [] as number[], emptyHook: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) results[name].push(await measure(urls[name]));
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = (sorted.length - 1) / 2;
    return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
  };
  const baseline = median(results.baseline);
  const plugin = median(results.plugin);
  console.log(
    `autocannon: 16 connections, ${DURATION}s per round, ${ROUNDS} rounds, order alternating (medians)`,
  );
  console.log(`route without the plugin (baseline):    ${baseline.toFixed(0)} req/s`);
  console.log(`route with salesforcePlugin, request.sf: ${plugin.toFixed(0)} req/s`);
  console.log(
    `ratio with / without:                   ${(plugin / baseline).toFixed(3)} (target >= 0.9)`,
  );
  const emptyHook = median(results.emptyHook);
  console.log(
    `same bare route with one empty preHandler hook: ${emptyHook.toFixed(0)} req/s, ratio ${(emptyHook / baseline).toFixed(3)} (the cost of any hook)`,
  );
  console.log(
    `token exchanges during the run:         ${emulator.stats().tokenExchanges} (one at warm-up)`,
  );
} finally {
  for (const child of children) child.kill();
  await emulator.stop();
}
