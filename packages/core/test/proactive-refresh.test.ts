import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { type JwtBearerConfig, JwtBearerStrategy } from '../src/index.js';
import {
  makeKeys,
  ORG_ID,
  server,
  tokenBody,
  tokenEndpoint,
  USER_ID,
  useTokenServer,
} from './harness.js';

// Refresh before expiry: JWT-based access tokens living 10 minutes, a clock the tests move.
const LOGIN = 'https://login.salesforce.com';
const keys = makeKeys();
const salesforceKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
let clock = Date.now();
let issued = 0;

function jwtTokenBody(lifetimeS = 600) {
  issued += 1;
  const iat = Math.floor(clock / 1000);
  const accessToken = jwt.sign(
    { sub: `uid:${USER_ID}`, nbf: iat, exp: iat + lifetimeS, n: issued },
    salesforceKey,
    {
      algorithm: 'RS256',
      header: {
        alg: 'RS256',
        typ: 'JWT',
        tty: 'sfdc-core-token',
        tnk: `core/prod/${ORG_ID}`,
      } as jwt.JwtHeader,
      noTimestamp: true,
    },
  );
  return { ...tokenBody(), access_token: accessToken };
}

/** A token endpoint that holds each answer until `release()`. */
function gatedEndpoint(body: () => object = jwtTokenBody) {
  let open: () => void = () => {};
  let gate = Promise.resolve();
  const requests = tokenEndpoint(LOGIN, async () => {
    await gate;
    return HttpResponse.json(body());
  });
  return {
    requests,
    hold: () => {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release: () => open(),
  };
}

const strategy = (extra: Partial<JwtBearerConfig> = {}) =>
  new JwtBearerStrategy({
    clientId: '3MVG9-consumer-key',
    username: 'integration@acme.com',
    privateKey: keys.pkcs8,
    retry: false,
    now: () => clock,
    ...extra,
  });

async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200 && !condition(); turn += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(condition()).toBe(true);
}

useTokenServer();

describe('refresh before expiry', () => {
  it('makes one background exchange for 100 concurrent callers in the window, and none waits for it', async () => {
    const endpoint = gatedEndpoint();
    const subject = strategy();
    const proactive: string[] = [];
    subject.on('refresh', ({ reason }) => proactive.push(reason));
    const first = await subject.getToken();
    clock += 481_000; // 119 s before expiry: inside the 2-minute window
    endpoint.hold();
    const during = await Promise.all(Array.from({ length: 100 }, () => subject.getToken()));
    // Every caller got the current token while the exchange is still held at the endpoint.
    expect(new Set(during.map((token) => token.accessToken))).toEqual(new Set([first.accessToken]));
    await until(() => endpoint.requests.length === 2);
    expect(proactive).toEqual(['proactive']);
    endpoint.release();
    await until(() => endpoint.requests.length === 2 && proactive.length === 1);
    let next = await subject.getToken();
    for (let turn = 0; turn < 50 && next.accessToken === first.accessToken; turn += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      next = await subject.getToken();
    }
    expect(next.accessToken).not.toBe(first.accessToken);
    expect(next.expiresAt! - clock).toBe(600_000);
    expect(endpoint.requests).toHaveLength(2);
  });

  it('waits for nothing before the window, and the window is configurable', async () => {
    const endpoint = gatedEndpoint();
    const subject = strategy({ refreshBeforeExpiryMs: 30_000 });
    await subject.getToken();
    clock += 480_000; // 120 s before expiry: outside a 30-second window
    await subject.getToken();
    expect(endpoint.requests).toHaveLength(1);
    clock += 95_000; // 25 s before expiry
    await subject.getToken();
    await until(() => endpoint.requests.length === 2);
  });

  it('is off with refreshBeforeExpiryMs: 0, and for session ids without maxTokenAgeMs', async () => {
    const jwtEndpoint = gatedEndpoint();
    const off = strategy({ refreshBeforeExpiryMs: 0 });
    await off.getToken();
    clock += 599_000;
    await off.getToken();
    expect(jwtEndpoint.requests).toHaveLength(1);
    server.resetHandlers();
    const opaque = gatedEndpoint(() => tokenBody());
    const sessionIds = strategy();
    await sessionIds.getToken();
    clock += 86_400_000;
    await sessionIds.getToken();
    expect(opaque.requests).toHaveLength(1);
  });

  it('uses maxTokenAgeMs as the expiry of a session id, the window capped at half its lifetime', async () => {
    const endpoint = gatedEndpoint(() => tokenBody());
    const subject = strategy({ maxTokenAgeMs: 60_000 });
    await subject.getToken();
    clock += 29_000;
    await subject.getToken();
    expect(endpoint.requests).toHaveLength(1);
    clock += 1_000; // half of its 60-second life: due
    await subject.getToken();
    await until(() => endpoint.requests.length === 2);
  });

  it('tries once per token: a failed background exchange is not repeated, callers keep the token', async () => {
    const requests = tokenEndpoint(LOGIN, (_request, index) =>
      index === 0
        ? HttpResponse.json(jwtTokenBody())
        : HttpResponse.json({ error: 'server_error' }, { status: 503 }),
    );
    const subject = strategy();
    const errors: string[] = [];
    subject.on('error', (error) => errors.push(error.code));
    const first = await subject.getToken();
    clock += 500_000;
    for (let call = 0; call < 20; call += 1) {
      expect((await subject.getToken()).accessToken).toBe(first.accessToken);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(requests).toHaveLength(2);
    expect(errors).toEqual(['server_error']);
  });

  it('goes through the login budget: refused there, it sends nothing and callers keep the token', async () => {
    const endpoint = gatedEndpoint();
    const subject = strategy({ loginBudget: { maxLoginsPerHour: 1 } });
    const refused: string[] = [];
    subject.on('loginRefused', ({ code }) => refused.push(code));
    const first = await subject.getToken();
    clock += 500_000;
    expect((await subject.getToken()).accessToken).toBe(first.accessToken);
    await until(() => refused.length === 1);
    expect(refused).toEqual(['login_budget_exhausted']);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('rejects a negative window with invalid_config', () => {
    expect(() => strategy({ refreshBeforeExpiryMs: -1 })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });
});
