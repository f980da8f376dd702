import { delay } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  exchangeAssertion,
  type JwtBearerConfig,
  JwtBearerStrategy,
  type SalesforceAuthError,
} from '../src/index.js';
import { LOGIN, notApproved, ORG_ID, okToken, strategyTest, tokenEndpoint } from './harness.js';

const { config: base } = strategyTest({ retry: false });

describe('AbortSignal', () => {
  it('ends an aborted getToken() at once while another caller still gets the token', async () => {
    const order: string[] = [];
    tokenEndpoint(LOGIN, async () => {
      await delay(100);
      order.push('endpoint answered');
      return okToken();
    });
    const strategy = new JwtBearerStrategy(base);
    const controller = new AbortController();
    const aborted = strategy.getToken({ signal: controller.signal }).catch((error: unknown) => {
      order.push('aborted caller settled');
      return error;
    });
    const other = strategy.getToken();
    setTimeout(() => controller.abort(), 10);
    expect(await aborted).toMatchObject({ code: 'aborted', retryable: true });
    await expect(other).resolves.toMatchObject({ organizationId: ORG_ID });
    expect(order).toEqual(['aborted caller settled', 'endpoint answered']);
  });

  it('cancels the request itself when the only caller aborts, and the next call starts afresh', async () => {
    let cancelled = 0;
    const requests = tokenEndpoint(LOGIN, async (request, index) => {
      if (index > 0) return okToken();
      request.signal.addEventListener('abort', () => {
        cancelled += 1;
      });
      await delay(5000);
      return okToken();
    });
    const strategy = new JwtBearerStrategy(base);
    const controller = new AbortController();
    const pending = strategy.refresh(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    await expect.poll(() => cancelled).toBe(1);
    await expect(strategy.getToken()).resolves.toBeTruthy();
    expect(requests).toHaveLength(2);
  });

  it('rejects exchangeAssertion with aborted for a signal that already fired', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    await expect(
      exchangeAssertion('eyJ.a.b', { loginUrl: LOGIN, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'aborted' });
    expect(requests).toHaveLength(0);
  });
});

describe('wall clock jumps', () => {
  // The wall clock (`now`) jumps; durations run on `monotonicNow`, which does not.
  function jumping(extra: Partial<JwtBearerConfig> = {}) {
    const clock = { wall: Date.parse('2026-11-26T10:00:00Z'), mono: 0 };
    const strategy = new JwtBearerStrategy({
      ...base,
      now: () => clock.wall,
      monotonicNow: () => clock.mono,
      ...extra,
    });
    return { clock, strategy };
  }
  const advance = (clock: { wall: number; mono: number }, ms: number) => {
    clock.wall += ms;
    clock.mono += ms;
  };

  it.each([-3_600_000, 3_600_000])(
    'changes no failure window when the wall clock jumps %i ms',
    async (jump) => {
      const requests = tokenEndpoint(LOGIN, notApproved);
      const { clock, strategy } = jumping({ loginBudget: { failureBackoffMs: 1000 } });
      await expect(strategy.getToken()).rejects.toMatchObject({ code: 'user_not_approved' });
      clock.wall += jump;
      const error = (await strategy.getToken().catch((e: unknown) => e)) as SalesforceAuthError;
      expect(error.retryAfterMs).toBeLessThanOrEqual(1200);
      expect(requests).toHaveLength(1);
      advance(clock, 1201);
      await expect(strategy.getToken()).rejects.toMatchObject({ code: 'user_not_approved' });
      expect(requests).toHaveLength(2);
    },
  );

  it.each([-3_600_000, 3_600_000])(
    'changes no suspect backoff when the wall clock jumps %i ms',
    async (jump) => {
      const requests = tokenEndpoint(LOGIN, okToken);
      const { clock, strategy } = jumping();
      const first = await strategy.getToken();
      const second = await strategy.refresh(first.accessToken);
      clock.wall += jump;
      await expect(strategy.refresh(second.accessToken)).rejects.toMatchObject({
        code: 'session_rejected',
        retryAfterMs: 1000,
      });
      advance(clock, 1000);
      await strategy.refresh(second.accessToken);
      expect(requests).toHaveLength(3);
    },
  );

  it.each([-3_600_000, 3_600_000])(
    'changes no token age when the wall clock jumps %i ms',
    async (jump) => {
      const requests = tokenEndpoint(LOGIN, okToken);
      const { clock, strategy } = jumping({ maxTokenAgeMs: 60_000 });
      const first = await strategy.getToken();
      clock.wall += jump;
      advance(clock, 59_999);
      expect((await strategy.getToken()).accessToken).toBe(first.accessToken);
      expect(requests).toHaveLength(1);
      advance(clock, 1);
      expect((await strategy.getToken()).accessToken).not.toBe(first.accessToken);
      expect(requests).toHaveLength(2);
    },
  );
});
