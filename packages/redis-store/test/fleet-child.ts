// One process of a fleet: N concurrent getToken() (cold) or refresh(stale) calls through a
// JwtBearerStrategy sharing a RedisTokenStore, then prints what it got. Keys come from a file in
// a temporary directory, never the repository.
import { readFileSync } from 'node:fs';
import { JwtBearerStrategy } from '../../core/src/index.js';
import { RedisTokenStore } from '../src/index.js';

const env = process.env;
const warnings: string[] = [];
const store = env.REDIS_URL
  ? new RedisTokenStore({
      redis: env.REDIS_URL,
      lockTtlMs: Number(env.LOCK_TTL_MS ?? 30_000),
      // Generous: eight processes start at once on a 2-core machine.
      commandTimeoutMs: 5000,
      logger: { warn: (message) => warnings.push(message) },
    })
  : undefined;
const strategy = new JwtBearerStrategy({
  clientId: env.CLIENT_ID!,
  username: env.USERNAME!,
  privateKey: readFileSync(env.KEY_FILE!, 'utf8'),
  loginUrl: env.LOGIN_URL!,
  ...(env.SUSPECT_BACKOFF_MS
    ? { loginBudget: { suspectBackoffMs: Number(env.SUSPECT_BACKOFF_MS) } }
    : {}),
  ...(store ? { store } : {}),
});
const count = Number(env.CONCURRENCY ?? 50);
const run = () => (env.STALE_TOKEN ? strategy.refresh(env.STALE_TOKEN) : strategy.getToken());
const tokens = await Promise.all(Array.from({ length: count }, run));
process.stdout.write(
  `${JSON.stringify({ pid: process.pid, tokens: [...new Set(tokens.map((token) => token.accessToken))], warnings })}\n`,
);
await store?.close();
