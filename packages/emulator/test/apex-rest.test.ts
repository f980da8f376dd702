import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTestOrg, startTestOrg } from '../src/index.js';
import { api, assertion, exchange } from './harness.js';

let plain: RunningTestOrg;
let echoing: RunningTestOrg;

beforeAll(async () => {
  plain = await startTestOrg();
  echoing = await startTestOrg({ emulator: { apexRest: 'echo' } });
});
afterAll(async () => {
  await plain.emulator.stop();
  await echoing.emulator.stop();
});

async function login({ org, emulator }: RunningTestOrg): Promise<string> {
  return (await exchange(emulator.url, assertion(org))).body.access_token!;
}
const apex = ({ emulator }: RunningTestOrg, path: string) =>
  `${emulator.url}/services/apexrest${path}`;

describe('Apex REST, which the emulator cannot run', () => {
  it('answers 400 FUNCTIONALITY_NOT_ENABLED by default, for every method and path', async () => {
    const token = await login(plain);
    for (const [method, path] of [
      ['GET', '/orders/42?x=1'],
      ['POST', '/orders'],
      ['DELETE', '/'],
    ] as const) {
      const answer = await api(apex(plain, path), token, {
        method,
        ...(method === 'POST' ? { body: '{"quantity":2}' } : {}),
      });
      expect(answer).toMatchObject({
        status: 400,
        body: [{ errorCode: 'FUNCTIONALITY_NOT_ENABLED' }],
      });
    }
  });

  it('answers an expired or revoked session with 401 INVALID_SESSION_ID before the fault', async () => {
    const expired = await login(plain);
    plain.emulator.expireSession(expired);
    expect(await api(apex(plain, '/orders'), expired)).toMatchObject({
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID' }],
    });
    const revoked = await login(plain);
    const revoke = await fetch(`${plain.emulator.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: revoked }).toString(),
    });
    expect(revoke.status).toBe(200);
    expect(await api(apex(plain, '/orders'), revoked)).toMatchObject({
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID' }],
    });
  });

  it("echoes the request with the opt-in apexRest: 'echo', still behind authentication", async () => {
    const token = await login(echoing);
    expect(
      await api(apex(echoing, '/orders/42?x=1'), token, { method: 'POST', body: '{"a":1}' }),
    ).toEqual({
      status: 200,
      body: {
        method: 'POST',
        path: '/orders/42',
        query: { x: '1' },
        body: { a: 1 },
        username: echoing.org.username,
      },
    });
    echoing.emulator.expireSession(token);
    expect(await api(apex(echoing, '/orders/42'), token)).toMatchObject({
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID' }],
    });
  });

  it('refuses a misspelt apexRest option at startTestOrg instead of ignoring it', async () => {
    await expect(
      // @ts-expect-error: a misspelt option, refused at run time as well
      startTestOrg({ emulator: { apexRESt: 'echo' } }),
    ).rejects.toMatchObject({ code: 'invalid_setup' });
  });
});
