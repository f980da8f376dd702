/**
 * Token exchanges per session expiry for a fleet of N processes, with and without the Redis
 * store, in one run (real redis-server and emulator on 127.0.0.1).
 * Then 8 processes through a Sentinel failover and a Cluster master killed, mid refresh storm.
 * Run: pnpm bench:fleet   (needs apt-get install -y redis-server redis-sentinel redis-tools)
 */
import { configFromEnv, runChild } from '../packages/redis-store/test/fleet.js';
import { startCluster } from '../packages/redis-store/test/redis-cluster.js';
import { startRedis } from '../packages/redis-store/test/redis-server.js';
import { startSentinelGroup, stopAll } from '../packages/redis-store/test/redis-topology.js';
import { startFleetOrg, storm, warmFleet } from '../packages/redis-store/test/storm.js';

const SIZES = [1, 4, 8, 16];
/** Exchanges after one expiry with no store, per fleet size: the baseline of the failover rows. */
const inProcess = new Map<number, number>();

const redis = await startRedis();
// The org's app, user, key file and login URL, CONCURRENCY (20) calls per process.
const { emulator, env: base } = await startFleetOrg();

async function fleet(
  size: number,
  env: Record<string, string>,
): Promise<{ exchanges: number; token: string }> {
  const before = emulator.stats().tokenExchanges;
  const results = await Promise.all(
    Array.from({ length: size }, () => runChild({ ...base, ...env }).done),
  );
  return { exchanges: emulator.stats().tokenExchanges - before, token: results[0]!.tokens[0]! };
}

const rows: string[] = [];
for (const size of SIZES) {
  for (const shared of [false, true]) {
    const env: Record<string, string> = shared ? { REDIS_URL: `${redis.url}/${size}` } : {};
    const start = await fleet(size, env);
    emulator.expireSessions();
    const expiry = await fleet(size, { ...env, STALE_TOKEN: start.token });
    if (!shared) inProcess.set(size, expiry.exchanges);
    rows.push(
      `| ${String(size).padStart(9)} | ${(shared ? 'Redis store' : 'in-process').padEnd(11)} | ${String(start.exchanges).padStart(13)} | ${String(expiry.exchanges).padStart(17)} |`,
    );
  }
}
await redis.stop();

// Failovers mid refresh storm: 8 processes; baseline, 8 processes with no store (8 exchanges).
const failoverRows: string[] = [];
const failoverEnv = {
  ...base,
  COMMAND_TIMEOUT_MS: '1000',
  FAILOVER_WAIT_MS: '10000',
  SUSPECT_BACKOFF_MS: '1',
};
const group = await startSentinelGroup();
const sentinelEnv = { ...failoverEnv, REDIS_SENTINELS: JSON.stringify(group.sentinels) };
const viaSentinel = await storm(emulator, sentinelEnv, await warmFleet(sentinelEnv, 1), () =>
  group.failover(),
);
failoverRows.push(row('Sentinel: SENTINEL FAILOVER', viaSentinel));
const cluster = await startCluster();
await cluster.replicated();
const clusterEnv = { ...failoverEnv, REDIS_CLUSTER: JSON.stringify(cluster.nodes) };
const stale = await warmFleet(clusterEnv, 1);
const slot = await clusterSlot();
const killed = await storm(emulator, clusterEnv, stale, () => cluster.killMasterOf(slot));
failoverRows.push(row('Cluster: slot master killed', killed));
const from = await cluster.masterOf(slot);
const to = (await cluster.masters()).find((master) => master.port !== from.port)!;
const moved = await storm(emulator, clusterEnv, [...killed.tokens][0]!, () =>
  cluster.migrateSlot(slot, to),
);
failoverRows.push(row('Cluster: slot migrated', moved));
await stopAll();
await emulator.stop();

async function clusterSlot(): Promise<number> {
  const { JwtBearerStrategy } = await import('../packages/core/src/index.js');
  const { redisKeyFor } = await import('../packages/redis-store/src/index.js');
  const strategy = new JwtBearerStrategy(configFromEnv(base));
  return cluster.keyslot(redisKeyFor(strategy.cacheKey));
}
function row(what: string, result: Awaited<ReturnType<typeof storm>>): string {
  const failed = result.failures.length;
  return `| ${what.padEnd(27)} | ${String(result.exchanges).padStart(9)} | ${(result.exchanges / inProcess.get(8)!).toFixed(3).padStart(16)} | ${String(failed).padStart(16)} | ${String(result.slowestMs).padStart(15)} |`;
}

console.log(
  `each process makes ${base.CONCURRENCY} concurrent calls; exchanges counted at the emulator`,
);
console.log('| processes | store       | cold start    | after one expiry  |');
console.log('| --------- | ----------- | ------------- | ----------------- |');
for (const row of rows) console.log(row);

console.log('\n8 processes, a failover in the middle of the refresh storm after one expiry');
console.log(`(baseline, measured above: 8 processes with no store, ${inProcess.get(8)} exchanges)`);
console.log(
  '| event                       | exchanges | vs no store     | failed processes | slowest call ms |',
);
console.log(
  '| --------------------------- | --------- | ---------------- | ---------------- | --------------- |',
);
for (const line of failoverRows) console.log(line);
