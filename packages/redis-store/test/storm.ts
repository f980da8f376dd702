// A refresh storm of a fleet of processes against the emulator, with a fault injected midway.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestOrg,
  type RunningEmulator,
  startEmulator,
  type TestOrg,
} from '../../emulator/src/index.js';
import { type ChildResult, runChild } from './fleet.js';
import { stopAll } from './redis-topology.js';

export interface StormResult {
  /** Token exchanges the emulator counted during the storm. */
  exchanges: number;
  /** Distinct tokens the processes ended with. */
  tokens: Set<string>;
  /** Processes that failed (a call that failed makes its process fail), with why. */
  failures: string[];
  /** The slowest call of the whole fleet, in ms. */
  slowestMs: number;
}

/**
 * The emulator serving a test org, and the environment of a fleet's processes: the org's app,
 * user and key file, the login URL, 20 concurrent calls each (bench/fleet.ts starts from it too).
 */
export async function startFleetOrg(): Promise<{
  org: TestOrg;
  emulator: RunningEmulator;
  env: Record<string, string>;
}> {
  const org = await createTestOrg();
  const emulator = await startEmulator({ setup: org.setup });
  const keyFile = join(mkdtempSync(join(tmpdir(), 'sf-jwt-storm-')), 'server.key');
  writeFileSync(keyFile, org.privateKey, { mode: 0o600 });
  const env = {
    CLIENT_ID: org.clientId,
    USERNAME: org.username,
    KEY_FILE: keyFile,
    LOGIN_URL: emulator.url,
    CONCURRENCY: '20',
  };
  return { org, emulator, env };
}

/**
 * {@link startFleetOrg} for a storm: the fleet reaches Redis as `redis` says, with the failover
 * timeouts, and no suspect-session backoff (sessions expire back to back before any call succeeds).
 */
export async function startStormOrg(redis: Record<string, string>): Promise<{
  emulator: RunningEmulator;
  env: Record<string, string>;
}> {
  const { emulator, env } = await startFleetOrg();
  return {
    emulator,
    env: {
      ...env,
      SUSPECT_BACKOFF_MS: '1',
      ...redis,
      COMMAND_TIMEOUT_MS: '1000',
      FAILOVER_WAIT_MS: '10000',
    },
  };
}

/**
 * Expires the sessions, starts `size` processes refreshing the stale token (the exchange slowed
 * by `exchangeDelayMs`), runs `midway` once the first exchange has reached the emulator, and
 * waits for every process.
 */
export async function storm(
  emulator: RunningEmulator,
  env: Record<string, string>,
  stale: string,
  midway: () => Promise<void>,
  { size = 8, exchangeDelayMs = 2000 } = {},
): Promise<StormResult> {
  emulator.expireSessions();
  emulator.injectFault({ endpoint: 'token', mode: 'latency', delayMs: exchangeDelayMs, times: 1 });
  const before = emulator.stats().tokenExchanges;
  const children = Array.from({ length: size }, () => runChild({ ...env, STALE_TOKEN: stale }));
  for (
    let waited = 0;
    emulator.stats().tokenExchanges === before && waited < 60_000;
    waited += 20
  ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await midway();
  const settled = await Promise.allSettled(children.map((child) => child.done));
  emulator.clearFaults();
  const done = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  return {
    exchanges: emulator.stats().tokenExchanges - before,
    tokens: new Set(done.flatMap((result: ChildResult) => result.tokens)),
    failures: settled.flatMap((result) =>
      result.status === 'rejected' ? [String(result.reason)] : [],
    ),
    slowestMs: Math.max(0, ...done.map((result) => result.slowestMs)),
  };
}

/** A cold start of the fleet: the shared token the storms then see rejected. */
export async function warmFleet(env: Record<string, string>, size = 8): Promise<string> {
  const results = await Promise.all(Array.from({ length: size }, () => runChild(env).done));
  return results[0]!.tokens[0]!;
}

/** Stops the storm's emulator and every Redis process the test started. */
export async function stopStorm(emulator: RunningEmulator | undefined): Promise<void> {
  await emulator?.stop();
  await stopAll();
}
