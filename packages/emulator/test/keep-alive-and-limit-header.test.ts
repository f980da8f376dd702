import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '../src/index.js';
import { assertion, exchange } from './harness.js';

let org: TestOrg;
let emulator: RunningEmulator;
let token: string;

beforeAll(async () => {
  org = await createTestOrg();
  emulator = await startEmulator({ setup: org.setup });
  token = (await exchange(emulator.url, assertion(org))).body.access_token!;
});
afterAll(() => emulator.stop());

/** One GET over the given agent: status, headers, and the local port of the socket used. */
function get(agent: Agent, path: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; port: number }>(
    (resolve, reject) => {
      const req = httpRequest(
        `${emulator.url}${path}`,
        { agent, headers: { authorization: `Bearer ${token}` } },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              headers: res.headers,
              port: req.socket!.localPort!,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('keep-alive', () => {
  it('keeps an idle connection open through a 10 s client pause, and the next request reuses it', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(agent, '/services/data/v62.0/limits');
      await new Promise((resolve) => setTimeout(resolve, 10_500));
      const second = await get(agent, '/services/data/v62.0/limits');
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.port).toBe(first.port);
    } finally {
      agent.destroy();
    }
  }, 20_000);
});

describe('Sforce-Limit-Info', () => {
  it('counts the API requests of the day in every authenticated answer, and not on the token endpoint', async () => {
    const agent = new Agent();
    const first = await get(agent, '/services/data/v62.0/limits');
    const second = await get(agent, '/services/data/v62.0/limits');
    const used = (headers: Record<string, unknown>) =>
      Number(/api-usage=(\d+)\/15000/.exec(String(headers['sforce-limit-info']))?.[1]);
    expect(used(second.headers)).toBe(used(first.headers) + 1);
    const login = await fetch(`${emulator.url}/services/oauth2/token`, { method: 'POST' });
    expect(login.headers.get('sforce-limit-info')).toBeNull();
  });
});
