import chaiPassportStrategy, { type ChaiPassport, type StrategyTest } from 'chai-passport-strategy';
import type { Request } from 'express';

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
