import { type JwtBearerConfig, JwtBearerStrategy, SalesforceAuthError } from '@sf-jwt/core';
import {
  createTestOrg,
  type FaultSpec,
  type RunningEmulator,
  startEmulator,
} from '@sf-jwt/emulator';
import { createConnection } from '@sf-jwt/jsforce-adapter';
import express from 'express';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, salesforce, salesforceHandler } from '../src/index.js';

// Each fault mode against each entry point: the outcome, how many token requests it cost, and
// that it answered at all within a bound (a hang guard, not a speed test).
interface Case {
  fault: string;
  inject?: FaultSpec;
  rateLimited?: boolean;
  expected: { core: string; adapter: string; middleware: [number, string] };
  maxTokenRequests: number;
}

const cases: Case[] = [
  {
    fault: 'latency past the timeout',
    inject: { endpoint: 'token', mode: 'latency', delayMs: 1500 },
    expected: { core: 'timeout', adapter: 'timeout', middleware: [503, 'timeout'] },
    maxTokenRequests: 3,
  },
  {
    fault: 'a burst of two 5xx',
    inject: { endpoint: 'token', mode: 'http-error', status: 500, times: 2 },
    expected: { core: 'ok', adapter: 'ok', middleware: [200, 'ok'] },
    maxTokenRequests: 3,
  },
  {
    fault: '503 HTML maintenance pages',
    inject: { endpoint: 'token', mode: 'html-503' },
    expected: { core: 'server_error', adapter: 'server_error', middleware: [503, 'server_error'] },
    maxTokenRequests: 3,
  },
  {
    fault: 'dropped connections',
    inject: { endpoint: 'token', mode: 'drop' },
    expected: {
      core: 'network_error',
      adapter: 'network_error',
      middleware: [503, 'network_error'],
    },
    maxTokenRequests: 3,
  },
  {
    fault: 'the login rate limit',
    rateLimited: true,
    expected: {
      core: 'login_rate_exceeded',
      adapter: 'login_rate_exceeded',
      middleware: [503, 'login_rate_exceeded'],
    },
    maxTokenRequests: 1,
  },
  {
    fault: 'endless 401 on the API',
    inject: { endpoint: 'rest', mode: 'reject-session' },
    expected: { core: 'ok', adapter: 'session_rejected', middleware: [500, 'session_rejected'] },
    maxTokenRequests: 2,
  },
];

let healthy: RunningEmulator;
let limited: RunningEmulator;
const configs = new Map<RunningEmulator, JwtBearerConfig>();

beforeAll(async () => {
  for (const rate of [undefined, 0]) {
    const org = await createTestOrg(
      rate === undefined ? {} : { extra: { loginRateLimitPerHour: rate } },
    );
    const emulator = await startEmulator({ setup: org.setup });
    configs.set(emulator, {
      clientId: org.clientId,
      username: org.username,
      privateKey: org.privateKey,
      loginUrl: emulator.url,
      timeoutMs: 300,
      retry: { retries: 2, minTimeoutMs: 5, maxTimeoutMs: 20, maxRetryTimeMs: 2000 },
    });
    if (rate === undefined) healthy = emulator;
    else limited = emulator;
  }
});
afterEach(() => healthy.clearFaults());
afterAll(async () => {
  await healthy.stop();
  await limited.stop();
});

const tokenRequests = (emulator: RunningEmulator) =>
  emulator.requestLog().filter((entry) => entry.path === '/services/oauth2/token').length;
const codeOf = (error: unknown) =>
  SalesforceAuthError.isInstance(error) ? error.code : `untyped: ${String(error)}`;

async function core(config: JwtBearerConfig, endless401: boolean): Promise<string> {
  const strategy = new JwtBearerStrategy(config);
  try {
    const token = await strategy.getToken();
    // An endless 401 reaches the core as the same stale token, refreshed again and again.
    if (endless401)
      await Promise.all(Array.from({ length: 10 }, () => strategy.refresh(token.accessToken)));
    return 'ok';
  } catch (error) {
    return codeOf(error);
  }
}

async function adapter(config: JwtBearerConfig): Promise<string> {
  try {
    // Each run faces the fault with an empty cache, as a fresh process would (not shared).
    const conn = await createConnection(config, { shared: false });
    await conn.query('SELECT Id FROM Account');
    return 'ok';
  } catch (error) {
    return codeOf(error);
  }
}

async function middleware(config: JwtBearerConfig): Promise<[number, string]> {
  const app = express();
  app.use(salesforce(config));
  app.get(
    '/accounts',
    salesforceHandler(async (req, res) => {
      res.json((await req.sf.query('SELECT Id FROM Account')).records);
    }),
  );
  app.use(errorHandler());
  const response = await request(app).get('/accounts');
  return [response.status, response.status === 200 ? 'ok' : response.body.error.code];
}

describe.each(cases)('fault: $fault', ({ inject, rateLimited, expected, maxTokenRequests }) => {
  const entryPoints = [
    ['core', core],
    ['adapter', adapter],
    ['middleware', middleware],
  ] as const;
  it.each(entryPoints)('%s: bounded outcome, token requests and time', async (name, run) => {
    const emulator = rateLimited ? limited : healthy;
    const config = configs.get(emulator)!;
    if (inject) emulator.injectFault(inject);
    const before = tokenRequests(emulator);
    const started = Date.now();
    const outcome = await run(config, inject?.mode === 'reject-session');
    const elapsed = Date.now() - started;
    expect(outcome).toEqual(expected[name]);
    expect(tokenRequests(emulator) - before).toBeLessThanOrEqual(maxTokenRequests);
    expect(tokenRequests(emulator) - before).toBeGreaterThanOrEqual(1);
    expect(elapsed).toBeLessThan(10_000);
  });
});
