import { type RunningTestOrg, startTestOrg } from '@sf-jwt/emulator';
import chaiPassportStrategy, { type ChaiPassport, type StrategyTest } from 'chai-passport-strategy';
import type { Express, Request, RequestHandler } from 'express';
import express5 from 'express';
import express4 from 'express4';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type ErrorHandlerOptions, errorHandler, salesforceHandler } from '../src/index.js';

export const EXPRESS_VERSIONS = [
  ['Express 5', express5],
  ['Express 4', express4],
] as const;

export type Org = RunningTestOrg;

/** Token requests that give up fast: one retry, 1-2 ms apart. */
export const FAST_RETRY = { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 2 };

/**
 * An app (Express 5 unless given) with `middleware` in front, `/me` answering the request's
 * Salesforce username, the routes `mount` adds, and `errorHandler(errors)` behind.
 */
export function appBehind(
  middleware: RequestHandler,
  mount: (app: Express) => void = () => {},
  { express = express5, errors }: { express?: typeof express5; errors?: ErrorHandlerOptions } = {},
): Express {
  const app = express();
  app.use(middleware);
  app.get(
    '/me',
    salesforceHandler(async (req, res) => {
      const info = await req.sf.request<{ preferred_username: string }>(
        '/services/oauth2/userinfo',
      );
      res.json({ username: info.preferred_username });
    }),
  );
  mount(app);
  app.use(errorHandler(errors));
  return app;
}

/** `GET /accounts`: the records of `SELECT Id FROM Account`. */
export const accountRecords = (app: Express) =>
  app.get(
    '/accounts',
    salesforceHandler(async (req, res) => {
      res.json((await req.sf.query('SELECT Id FROM Account')).records);
    }),
  );

/** A test org with 20 users on a real emulator server (HTTP on 127.0.0.1). */
export const startOrg = (): Promise<Org> =>
  startTestOrg({ usernames: Array.from({ length: 20 }, (_, index) => `user${index}@example.com`) });

/** Fails each test after which a promise rejection went unhandled (a Passport callback that threw). */
export function failOnUnhandledRejections(): void {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    expect(unhandled).toEqual([]);
  });
}

// The plugin only sets `chai.passport`; Vitest's chai is a frozen ES module namespace, so it is
// given a plain holder instead of `chai.use()`.
const holder: { passport?: ChaiPassport } = {};
chaiPassportStrategy(holder, {});
const passportChai = holder.passport!;

/** One call the strategy made to Passport (or to req.next, for a throw after it settled). */
export type Outcome =
  | { action: 'success'; user: unknown; info?: unknown }
  | { action: 'fail'; challenge?: unknown; status?: number }
  | { action: 'error'; error: unknown }
  | { action: 'pass' }
  | { action: 'next'; error: unknown };

export interface Drive {
  /** Every call, in order. */
  outcomes: Outcome[];
  /** What authenticate() threw synchronously, if anything. */
  thrown?: unknown;
}

const macrotask = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Drives a strategy through chai-passport-strategy and records every action it takes. Waits for the
 * first action, then one more macrotask so that a late second action would be seen.
 */
export async function drive(
  strategy: object,
  options: {
    prepare?: (req: Request) => void;
    /** Runs inside Passport's success action (e.g. to throw, as a custom callback may). */
    onSuccess?: () => void;
    /** Give the request a `next`, as Express does. */
    withNext?: boolean;
  } = {},
): Promise<Drive> {
  const result: Drive = { outcomes: [] };
  let settle: () => void = () => {};
  const first = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const record = (outcome: Outcome) => {
    result.outcomes.push(outcome);
    settle();
  };
  const test: StrategyTest = passportChai
    .use(strategy)
    .request((req) => {
      if (options.withNext) req.next = (error?: unknown) => record({ action: 'next', error });
      options.prepare?.(req);
    })
    .success((user, info) => {
      record({ action: 'success', user, info });
      options.onSuccess?.();
    })
    .fail((challenge, status) => record({ action: 'fail', challenge, status }))
    .error((error) => record({ action: 'error', error }))
    .pass(() => record({ action: 'pass' }));
  try {
    test.authenticate();
  } catch (error) {
    result.thrown = error;
    settle();
  }
  await first;
  await macrotask();
  return result;
}
