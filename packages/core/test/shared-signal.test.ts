import { getEventListeners } from 'node:events';
import { delay } from 'msw';
import { describe, expect, it } from 'vitest';
import { JwtBearerStrategy, type SalesforceAuthError } from '../src/index.js';
import { delayedToken, LOGIN, strategyTest, tokenEndpoint } from './harness.js';

const { config } = strategyTest({ retry: false });

/** Every process warning emitted while `body` runs (and the tick after). */
async function warningsDuring(body: () => Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const listen = (warning: Error) => warnings.push(warning.name);
  process.on('warning', listen);
  try {
    await body();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listen);
  }
  return warnings;
}

const slowToken = delayedToken(30);

describe('one AbortSignal shared by many concurrent getToken() calls', () => {
  it('gets 200 callers one exchange with no MaxListenersExceededWarning', async () => {
    const requests = tokenEndpoint(LOGIN, slowToken);
    const strategy = new JwtBearerStrategy(config);
    const { signal } = new AbortController();
    let listeners = 0;
    const warnings = await warningsDuring(async () => {
      const calls = Array.from({ length: 200 }, () => strategy.getToken({ signal }));
      await delay(10); // every caller has joined the exchange, which is still running
      listeners = getEventListeners(signal, 'abort').length;
      await Promise.all(calls);
    });
    // Node 24 no longer prints this warning for AbortSignal; the listener count shows it anyway.
    expect(listeners).toBe(1);
    expect(warnings).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('still ends every one of 50 callers with aborted when the shared signal fires', async () => {
    tokenEndpoint(LOGIN, slowToken);
    const strategy = new JwtBearerStrategy(config);
    const controller = new AbortController();
    let codes: string[] = [];
    const warnings = await warningsDuring(async () => {
      const calls = Array.from({ length: 50 }, () =>
        strategy.getToken({ signal: controller.signal }).then(
          () => 'ok',
          (error: SalesforceAuthError) => error.code,
        ),
      );
      controller.abort();
      codes = await Promise.all(calls);
    });
    expect(warnings).toEqual([]);
    expect(new Set(codes)).toEqual(new Set(['aborted']));
    // The abandoned exchange left nothing behind: the next call logs in afresh.
    await expect(strategy.getToken()).resolves.toMatchObject({ instanceUrl: expect.any(String) });
  });
});
