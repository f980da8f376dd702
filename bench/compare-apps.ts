/**
 * Shared by the HTTP benches: starts each app of a bench server in its own process against one
 * emulator org, warms them, then measures requests per second with autocannon on 127.0.0.1 in
 * rounds whose order alternates, and returns the median of each app, so no app is favoured by the
 * order it was started or measured in.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { startTestOrg } from '../packages/emulator/src/index.js';

export const DURATION = Number(process.env.DURATION ?? 5);
export const ROUNDS = 6;

/** Median requests per second of each app, and the token exchanges the whole run cost. */
export async function compareApps<Name extends string>(
  serverFile: string,
  names: readonly Name[],
): Promise<{ medians: Record<Name, number>; exchanges: number }> {
  const { emulator, config } = await startTestOrg();
  const children: ChildProcess[] = [];
  try {
    const urls = {} as Record<Name, string>;
    for (const name of names) {
      const child = spawn(process.execPath, ['--import', 'tsx', serverFile], {
        env: { ...process.env, BENCH_CONFIG: JSON.stringify(config), BENCH_APP: name },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      [urls[name]] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    }
    for (const name of names) await measure(urls[name], 4); // JIT warm-up, not counted
    const results = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
      Name,
      number[]
    >;
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) results[name].push(await measure(urls[name]));
    }
    const medians = Object.fromEntries(
      names.map((name) => [name, median(results[name])]),
    ) as Record<Name, number>;
    return { medians, exchanges: emulator.stats().tokenExchanges };
  } finally {
    for (const child of children) child.kill();
    await emulator.stop();
  }
}

async function measure(url: string, duration = DURATION): Promise<number> {
  const result = await autocannon({ url, connections: 16, duration });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return result.requests.average;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
}
