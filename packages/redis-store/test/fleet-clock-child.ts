// One process of a fleet whose wall clock may be off (CLOCK_OFFSET_MS): calls getToken() every
// INTERVAL_MS for RUN_MS through a RedisTokenStore, and prints, by the machine's true clock, when
// each token was issued to it and first/last served, and the refusals it met.
import { JwtBearerStrategy, SalesforceAuthError } from '../../core/src/index.js';
import { RedisTokenStore } from '../src/index.js';
import { configFromEnv } from './fleet.js';

export interface ClockChildResult {
  issued: Record<string, number>;
  served: Record<string, [number, number]>;
  codes: Record<string, number>;
  maxRetryAfterMs: number;
  firstOkAt: number | undefined;
}

const env = process.env;
const offset = Number(env.CLOCK_OFFSET_MS ?? 0);
const store = new RedisTokenStore({ redis: env.REDIS_URL!, commandTimeoutMs: 5000 });
const issued: Record<string, number> = {};
const strategy = new JwtBearerStrategy({
  ...configFromEnv(env),
  store,
  retry: false,
  // This machine's wall clock is off; its monotonic clock, as every machine's, is not.
  now: () => Date.now() + offset,
  monotonicNow: () => performance.now(),
  ...(env.MAX_TOKEN_AGE_MS ? { maxTokenAgeMs: Number(env.MAX_TOKEN_AGE_MS) } : {}),
  loginBudget: { failureBackoffMs: Number(env.FAILURE_BACKOFF_MS ?? 30_000) },
  // Records when each token reached this process (the true clock), from the token response.
  fetch: async (input, init) => {
    const response = await fetch(input, init);
    const body = (await response.clone().json()) as { access_token?: string };
    if (body.access_token) issued[body.access_token] = Date.now();
    return response;
  },
});
const result: ClockChildResult = {
  issued,
  served: {},
  codes: {},
  maxRetryAfterMs: 0,
  firstOkAt: undefined,
};
const end = performance.now() + Number(env.RUN_MS ?? 3000);
while (performance.now() < end) {
  try {
    const { accessToken } = await strategy.getToken();
    const now = Date.now();
    result.firstOkAt ??= now;
    const seen = result.served[accessToken];
    result.served[accessToken] = [seen?.[0] ?? now, now];
  } catch (error) {
    const code = SalesforceAuthError.isInstance(error) ? error.code : 'unknown';
    result.codes[code] = (result.codes[code] ?? 0) + 1;
    const retryAfterMs = SalesforceAuthError.isInstance(error) ? (error.retryAfterMs ?? 0) : 0;
    result.maxRetryAfterMs = Math.max(result.maxRetryAfterMs, retryAfterMs);
  }
  await new Promise((resolve) => setTimeout(resolve, Number(env.INTERVAL_MS ?? 50)));
}
process.stdout.write(`${JSON.stringify(result)}\n`);
await store.close();
