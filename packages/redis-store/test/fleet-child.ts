// One process of a fleet: N concurrent getToken() (cold) or refresh(stale) calls through a
// JwtBearerStrategy sharing a RedisTokenStore, then prints what it got. Keys come from a file in
// a temporary directory, never the repository. Redis is REDIS_URL, REDIS_SENTINELS (JSON nodes of
// `mymaster`) or REDIS_CLUSTER (JSON seed nodes). A call that fails is printed on stderr by code,
// and the process exits 1.
import { JwtBearerStrategy, SalesforceAuthError } from '../../core/src/index.js';
import { RedisTokenStore, type RedisTokenStoreOptions } from '../src/index.js';
import { configFromEnv } from './fleet.js';

const env = process.env;
const warnings: string[] = [];
const redis: RedisTokenStoreOptions['redis'] | undefined = env.REDIS_SENTINELS
  ? { sentinels: JSON.parse(env.REDIS_SENTINELS), name: 'mymaster', failoverDetector: true }
  : env.REDIS_CLUSTER
    ? { cluster: JSON.parse(env.REDIS_CLUSTER) }
    : env.REDIS_URL;
const store = redis
  ? new RedisTokenStore({
      redis,
      lockTtlMs: Number(env.LOCK_TTL_MS ?? 30_000),
      // Generous: eight processes start at once on a 2-core machine.
      commandTimeoutMs: Number(env.COMMAND_TIMEOUT_MS ?? 5000),
      ...(env.FAILOVER_WAIT_MS ? { failoverWaitMs: Number(env.FAILOVER_WAIT_MS) } : {}),
      logger: { warn: (message) => warnings.push(message) },
    })
  : undefined;
const strategy = new JwtBearerStrategy({
  ...configFromEnv(env),
  ...(env.SUSPECT_BACKOFF_MS
    ? { loginBudget: { suspectBackoffMs: Number(env.SUSPECT_BACKOFF_MS) } }
    : {}),
  ...(store ? { store } : {}),
});
const count = Number(env.CONCURRENCY ?? 50);
let slowestMs = 0;
const run = async () => {
  const started = performance.now();
  try {
    return await (env.STALE_TOKEN ? strategy.refresh(env.STALE_TOKEN) : strategy.getToken());
  } finally {
    slowestMs = Math.max(slowestMs, performance.now() - started);
  }
};
const settled = await Promise.allSettled(Array.from({ length: count }, run));
const failed = settled.filter((result) => result.status === 'rejected');
if (failed.length > 0) {
  const codes = failed.map(({ reason }) =>
    SalesforceAuthError.isInstance(reason) ? reason.code : String(reason),
  );
  process.stderr.write(`${failed.length} calls failed: ${[...new Set(codes)].join(', ')}\n`);
  process.exit(1);
}
const tokens = settled.map(
  (result) => (result as PromiseFulfilledResult<{ accessToken: string }>).value,
);
process.stdout.write(
  `${JSON.stringify({ pid: process.pid, tokens: [...new Set(tokens.map((token) => token.accessToken))], warnings, slowestMs: Math.round(slowestMs) })}\n`,
);
await store?.close();
