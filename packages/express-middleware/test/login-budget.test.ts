import { type RunningEmulator, startTestOrg, type TestOrg } from '@sf-jwt/emulator';
import type { Request } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforce } from '../src/index.js';
import { accountRecords, appBehind } from './harness.js';

// 50 users of an app that no longer pre-authorizes them: every login fails with invalid_grant.
let org: TestOrg;
let emulator: RunningEmulator;
beforeAll(async () => {
  ({ org, emulator } = await startTestOrg({
    usernames: Array.from({ length: 50 }, (_, index) => `budget${index}@example.com`),
  }));
  emulator.updateApp(org.clientId, { adminApproved: false });
});
afterAll(() => emulator.stop());

const failedLogins = () => emulator.stats().failedTokenExchanges;

describe('login budget through the middleware', () => {
  it('costs at most one failed login per subject for 1,000 requests over 50 unapproved users', async () => {
    // A frozen clock keeps the run inside one backoff window however slow the machine is.
    const frozen = Date.now();
    const config = {
      clientId: org.clientId,
      username: org.username,
      privateKey: org.privateKey,
      loginUrl: emulator.url,
      now: () => frozen,
    };
    const app = appBehind(
      salesforce(config, { subject: (req) => req.get('x-user') }),
      accountRecords,
    );
    const call = (index: number) =>
      request(app)
        .get('/accounts')
        .set('x-user', org.usernames[(index * 7) % 50]!);
    const statuses = new Map<number, number>();
    const codes = new Set<string>();
    const record = (response: request.Response) => {
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      codes.add(response.body.error?.code);
    };
    for (let index = 0; index < 200; index += 1) record(await call(index));
    for (let start = 200; start < 1000; start += 8) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, (_, offset) => call(start + offset)),
      );
      batch.forEach(record);
    }
    expect([...statuses.keys()]).toEqual([500]); // a setup fault: 500 with the code and hint
    expect([...codes]).toEqual(['user_not_approved']);
    expect(failedLogins()).toBe(50); // one per subject, then remembered
    expect(emulator.stats().tokenExchanges).toBe(0);
  }, 120_000);

  it('heals two org-wide expiries 5 s apart after successful traffic with one exchange each, no caller error', async () => {
    const { org: healthy, emulator: server } = await startTestOrg({
      usernames: ['one@example.com', 'two@example.com'],
    });
    try {
      const clock = { now: Date.now() };
      const config = {
        clientId: healthy.clientId,
        username: healthy.username,
        privateKey: healthy.privateKey,
        loginUrl: server.url,
        now: () => clock.now,
      };
      const subject = (req: Request) => req.get('x-user');
      const app = appBehind(salesforce(config, { subject }), accountRecords);
      const load = (count: number) =>
        Promise.all(
          Array.from({ length: count }, (_, index) =>
            request(app)
              .get('/accounts')
              .set('x-user', healthy.usernames[index % 2]!),
          ),
        );
      await load(4);
      for (let expiry = 0; expiry < 2; expiry += 1) {
        const before = server.stats().tokenExchanges;
        clock.now += 5000;
        server.expireSessions();
        const responses = await load(40);
        expect(responses.filter((response) => response.status !== 200)).toHaveLength(0);
        expect(server.stats().tokenExchanges - before).toBe(2); // one per subject
      }
    } finally {
      await server.stop();
    }
  }, 60_000);
});
