/**
 * Token exchanges per session expiry for a fleet of N processes, with and without the Redis
 * store, in one run (real redis-server and emulator on 127.0.0.1).
 * Run: pnpm bench:fleet   (needs redis-server on PATH: apt-get install -y redis-server)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestOrg, startEmulator } from '../packages/emulator/src/index.js';
import { runChild } from '../packages/redis-store/test/fleet.js';
import { startRedis } from '../packages/redis-store/test/redis-server.js';

const SIZES = [1, 4, 16];
const CONCURRENCY = '20';

const redis = await startRedis();
const org = await createTestOrg();
const emulator = await startEmulator({ setup: org.setup });
const keyFile = join(mkdtempSync(join(tmpdir(), 'sf-jwt-bench-')), 'server.key');
writeFileSync(keyFile, org.privateKey, { mode: 0o600 });
const base = {
  CLIENT_ID: org.clientId,
  USERNAME: org.username,
  KEY_FILE: keyFile,
  LOGIN_URL: emulator.url,
  CONCURRENCY,
};

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
    rows.push(
      `| ${String(size).padStart(9)} | ${(shared ? 'Redis store' : 'in-process').padEnd(11)} | ${String(start.exchanges).padStart(13)} | ${String(expiry.exchanges).padStart(17)} |`,
    );
  }
}
await emulator.stop();
await redis.stop();

console.log(
  `each process makes ${CONCURRENCY} concurrent calls; exchanges counted at the emulator`,
);
console.log('| processes | store       | cold start    | after one expiry  |');
console.log('| --------- | ----------- | ------------- | ----------------- |');
for (const row of rows) console.log(row);
