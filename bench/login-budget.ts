/**
 * Login attempts per simulated hour (a fake clock, one call per process every 5 simulated seconds),
 * per scenario, for 1 process and for 8 processes sharing one redis-server, next to the bound the
 * login policy promises, and the errors callers saw. Every token request is counted at an
 * injected fetch. Needs redis-server on the PATH. Run: pnpm bench:login-budget
 */
import { generateKeyPairSync } from 'node:crypto';
import { JwtBearerStrategy, type TokenStore } from '../packages/core/src/index.js';
import { RedisTokenStore } from '../packages/redis-store/src/index.js';
import { startRedis } from '../packages/redis-store/test/redis-server.js';

const HOUR = 3_600_000;
const STEP_MS = 5000;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const quiet = { warn: () => {} };

type Answer = 'ok' | 'not-approved';
interface Scenario {
  name: string;
  answer: Answer;
  /** One caller's work in one step (5 simulated seconds); `step` counts from 0. */
  call: (strategy: JwtBearerStrategy, step: number) => Promise<unknown>;
  redisDown?: boolean;
  bound: (processes: number) => number;
  /** Errors callers may see (undefined: any). */
  errors?: number;
  maxTokenAgeMs?: number;
  /** The wall clock's jump (ms) every 10 simulated minutes, alternately forward and back. */
  wallJumpMs?: number;
}

// Traffic served by the held session (an API call that succeeded with it).
async function traffic(strategy: JwtBearerStrategy) {
  const token = await strategy.getToken();
  strategy.succeeded(token.accessToken);
  return token;
}

// The failure window starts at 30 s and doubles to 15 min, each at least 80 % of its length.
function failureBound(): number {
  let elapsed = 0;
  let attempts = 1;
  for (let streak = 0; ; streak += 1) {
    elapsed += 0.8 * Math.min(30_000 * 2 ** streak, 900_000);
    if (elapsed >= HOUR) return attempts;
    attempts += 1;
  }
}

const scenarios: Scenario[] = [
  {
    name: 'user not approved (getToken every 5 s)',
    answer: 'not-approved',
    call: (strategy) => strategy.getToken(),
    // The failure is shared through the store: the fleet keeps one window, as one process does.
    // (Redis keeps that window by its own, real clock, so within this simulated hour, which
    // lasts seconds, the fleet keeps its first window: fewer logins than a real hour.)
    bound: () => failureBound(),
  },
  {
    name: 'every session rejected before any success (a 401 every 5 s)',
    answer: 'ok',
    call: async (strategy) => strategy.refresh((await strategy.getToken()).accessToken),
    // Suspects back off 0, 1, 2, 4, 8, 16, then 30 s: the first login, the first replacement,
    // five on the way up (31 s), then one per 30 s. The streak is a count in the store, so the
    // fleet keeps one backoff.
    bound: () => 2 + 5 + Math.ceil((HOUR - 31_000) / 30_000),
  },
  {
    name: 'an expiry every 10 s with traffic between (30 simulated minutes)',
    answer: 'ok',
    call: async (strategy, step) => {
      if (step >= HOUR / 2 / STEP_MS) return;
      const token = await traffic(strategy);
      if (step % 2 === 1)
        await traffic(await strategy.refresh(token.accessToken).then(() => strategy));
    },
    // Ordinary expiries: one exchange per expiry (shared by the fleet), no caller error. An
    // expiry every 10 s for a whole hour (360) would meet the hourly ceiling (300) by design.
    bound: () => 1 + HOUR / 2 / (2 * STEP_MS),
    errors: 0,
  },
  {
    name: 'wall clock jumps ±1 h every 10 min (maxTokenAgeMs 30 min, getToken every 5 s)',
    answer: 'ok',
    call: (strategy) => traffic(strategy),
    maxTokenAgeMs: HOUR / 2,
    wallJumpMs: HOUR,
    // Token age runs on the monotonic clock: a jump neither ages nor rejuvenates a token.
    bound: () => 1 + 2,
    errors: 0,
  },
  {
    name: 'a bug forcing refresh() every 5 s',
    answer: 'ok',
    call: (strategy) => strategy.refresh(),
    bound: (processes) => processes * Math.min(300, HOUR / STEP_MS),
  },
  {
    name: 'Redis unreachable, session valid (getToken every 5 s)',
    answer: 'ok',
    redisDown: true,
    call: (strategy) => strategy.getToken(),
    bound: (processes) => processes,
  },
];

let issued = 0;
function fakeFetch(answer: Answer, counter: { attempts: number }): typeof fetch {
  return async () => {
    counter.attempts += 1;
    if (answer === 'not-approved') {
      return Response.json(
        { error: 'invalid_grant', error_description: "user hasn't approved this consumer" },
        { status: 400 },
      );
    }
    issued += 1;
    return Response.json({
      access_token: `00Dxx0000001gPF!AQbench${issued}`,
      instance_url: 'https://acme.my.salesforce.com',
      id: 'https://login.salesforce.com/id/00Dxx0000001gPFEAY/005xx000001SwiUAAS',
      token_type: 'Bearer',
    });
  };
}

async function run(scenario: Scenario, processes: number, redisUrl: string | undefined) {
  const clock = { now: Date.parse('2026-11-26T00:00:00Z'), mono: 0 };
  const counter = { attempts: 0, errors: 0 };
  const prefix = `bench-${Math.random().toString(36).slice(2)}:`;
  const stores: RedisTokenStore[] = [];
  const strategies = Array.from({ length: processes }, () => {
    let store: TokenStore | undefined;
    if (redisUrl) {
      const url = scenario.redisDown ? 'redis://127.0.0.1:1' : redisUrl;
      const redisStore = new RedisTokenStore({
        redis: url,
        prefix,
        logger: quiet,
        commandTimeoutMs: 1000,
      });
      stores.push(redisStore);
      store = redisStore;
    }
    return new JwtBearerStrategy({
      clientId: '3MVG9-bench',
      username: 'integration@acme.com',
      privateKey,
      retry: false,
      now: () => clock.now,
      monotonicNow: () => clock.mono,
      fetch: fakeFetch(scenario.answer, counter),
      ...(scenario.maxTokenAgeMs ? { maxTokenAgeMs: scenario.maxTokenAgeMs } : {}),
      ...(store ? { store } : {}),
    });
  });
  for (let step = 0; step < HOUR / STEP_MS; step += 1) {
    for (const strategy of strategies) {
      await scenario.call(strategy, step).catch(() => {
        counter.errors += 1;
      });
    }
    clock.now += STEP_MS;
    clock.mono += STEP_MS;
    const jump = scenario.wallJumpMs;
    if (jump && (step + 1) % (600_000 / STEP_MS) === 0) {
      clock.now += (step + 1) % (1_200_000 / STEP_MS) === 0 ? -jump : jump;
    }
  }
  await Promise.all(stores.map((store) => store.close()));
  return counter;
}

const redis = await startRedis();
try {
  console.log('login attempts per simulated hour (one call per process every 5 simulated seconds)');
  console.log(
    'scenario | 1 process | bound | errors | 8 processes + Redis | bound | errors | errors allowed',
  );
  for (const scenario of scenarios) {
    const single = await run(scenario, 1, undefined);
    const fleet = await run(scenario, 8, redis.url);
    console.log(
      `${scenario.name} | ${single.attempts} | ${scenario.bound(1)} | ${single.errors} | ${fleet.attempts} | ${scenario.bound(8)} | ${fleet.errors} | ${scenario.errors ?? 'any'}`,
    );
  }
  console.log("(Salesforce's own limit: about 3,600 logins per user per hour)");
} finally {
  await redis.stop();
}
