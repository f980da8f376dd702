import { connect } from 'node:tls';
import { JwtBearerStrategy } from '@sf-jwt/core';
import jsforce from 'jsforce';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTestOrg, startTestOrg } from '../src/index.js';
import { assertion, exchange } from './harness.js';
import { trustInJsforce } from './trust-emulator-ca.js';

let running: RunningTestOrg;
let untrust: () => void;

beforeAll(async () => {
  running = await startTestOrg({ emulator: { tls: true } });
  untrust = await trustInJsforce(running.emulator.ca!);
});
afterAll(async () => {
  untrust?.();
  await running?.emulator.stop();
});

/** A fetch for core that trusts the emulator's certificate (and nothing else new). */
function trustingFetch(ca: string): typeof fetch {
  const dispatcher = new Agent({ connect: { ca } });
  return ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

describe('the emulator in HTTPS mode (tls: true)', () => {
  it('serves https on 127.0.0.1 with a certificate for 127.0.0.1 and localhost, given as ca', () => {
    const { emulator, config } = running;
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(config.loginUrl).toBe(emulator.url);
    expect(emulator.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('logs in a real jsforce Connection with the JWT bearer grant, whose identity id is https', async () => {
    const { emulator, org } = running;
    const conn = new jsforce.Connection({ loginUrl: emulator.url });
    await conn.authorize({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: assertion(org),
    });
    expect(conn.instanceUrl).toBe(emulator.url);
    const identity = await conn.identity();
    expect(identity.id.startsWith(`${emulator.url}/id/`)).toBe(true);
    expect(identity.username).toBe(org.username);
    expect(identity.photos).toEqual({
      picture: `${emulator.url}/profilephoto/005/F`,
      thumbnail: `${emulator.url}/profilephoto/005/T`,
    });
    const result = await conn.query<{ Name: string }>('SELECT Name FROM Account');
    expect(result.totalSize).toBe(3);
  });

  it("logs in through core's exchange with an injected fetch that trusts the ca", async () => {
    const { emulator, config } = running;
    const strategy = new JwtBearerStrategy({ ...config, fetch: trustingFetch(emulator.ca!) });
    const token = await strategy.getToken();
    expect(token.instanceUrl).toBe(emulator.url);
    expect(token.id.startsWith(`${emulator.url}/id/`)).toBe(true);
    expect(emulator.stats().tokenExchanges).toBe(2);
  });

  it('refuses a client that does not trust the certificate (no silent downgrade to http)', async () => {
    const { emulator } = running;
    const plain = await exchange(emulator.url, assertion(running.org)).catch(
      (error: Error & { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(plain).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    const url = new URL(emulator.url);
    const overHttp = await fetch(`http://${url.host}/services/oauth2/token`, { method: 'POST' })
      .then((response) => response.status)
      .catch(() => 'refused');
    expect(overHttp).not.toBe(200);
  });

  it('presents the same certificate to a raw TLS client checking the name localhost', async () => {
    const { emulator } = running;
    const url = new URL(emulator.url);
    const authorized = await new Promise<boolean>((resolve, reject) => {
      const socket = connect(
        { host: url.hostname, port: Number(url.port), servername: 'localhost', ca: emulator.ca! },
        () => {
          resolve(socket.authorized);
          socket.end();
        },
      );
      socket.on('error', reject);
    });
    expect(authorized).toBe(true);
  });
});
