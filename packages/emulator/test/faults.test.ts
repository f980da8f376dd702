import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '../src/index.js';
import { api, assertion, exchange } from './harness.js';

let org: TestOrg;
let emulator: RunningEmulator;
beforeAll(async () => {
  org = await createTestOrg();
  emulator = await startEmulator({ setup: org.setup });
});
afterEach(() => emulator.clearFaults());
afterAll(() => emulator.stop());

describe('fault injection', () => {
  it('adds latency', async () => {
    emulator.injectFault({ endpoint: 'token', mode: 'latency', delayMs: 150, times: 1 });
    const started = performance.now();
    expect((await exchange(emulator.url, assertion(org))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers a number of 5xx, then recovers', async () => {
    emulator.injectFault({ endpoint: 'token', mode: 'http-error', status: 502, times: 2 });
    expect((await exchange(emulator.url, assertion(org))).status).toBe(502);
    expect((await exchange(emulator.url, assertion(org))).status).toBe(502);
    expect((await exchange(emulator.url, assertion(org))).status).toBe(200);
  });

  it('answers a 503 HTML maintenance page', async () => {
    emulator.injectFault({ endpoint: 'any', mode: 'html-503', times: 1 });
    const response = await fetch(`${emulator.url}/services/data`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('drops the connection', async () => {
    emulator.injectFault({ endpoint: 'token', mode: 'drop', times: 1 });
    await expect(exchange(emulator.url, assertion(org))).rejects.toThrow();
    expect((await exchange(emulator.url, assertion(org))).status).toBe(200);
  });

  it('answers the token endpoint with a body that is not JSON', async () => {
    emulator.injectFault({ endpoint: 'token', mode: 'non-json', times: 1 });
    const { status, body } = await exchange(emulator.url, assertion(org));
    expect(status).toBe(200);
    expect(body.raw).toContain('<html');
  });

  it('rejects even fresh sessions with INVALID_SESSION_ID', async () => {
    const token = (await exchange(emulator.url, assertion(org))).body.access_token!;
    emulator.injectFault({ endpoint: 'rest', mode: 'reject-session', times: 2 });
    const url = `${emulator.url}/services/data/v62.0/limits`;
    expect((await api(url, token)).status).toBe(401);
    expect((await api(url, token)).status).toBe(401);
    expect((await api(url, token)).status).toBe(200);
  });
});
