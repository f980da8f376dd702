import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import jwt from 'jsonwebtoken';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  isJwtAccessToken,
  JwtBearerStrategy,
  MemoryTokenStore,
  SalesforceAuthError,
} from '../src/index.js';
import { redactSecrets } from '../src/internal.js';
import { checkStoredToken } from '../src/strategy/check-stored-token.js';
import { makeKeys, ORG_ID, tokenEndpoint, USER_ID, useTokenServer } from './harness.js';

// JWT-based access tokens as Salesforce issues them for an app set so: RS256, header tty/tnk/ver.
const keys = makeKeys();
const salesforceKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const LOGIN = 'https://login.salesforce.com';
const INSTANCE = 'https://acme.my.salesforce.com';
const IDENTITY = `${LOGIN}/id/${ORG_ID}/${USER_ID}`;

/** A JWT-based access token whose `iat` is `skewS` seconds off this machine's clock. */
function jwtAccessToken(lifetimeS: number, skewS = 0, padding = 0): string {
  const iat = Math.floor(Date.now() / 1000) + skewS;
  return jwt.sign(
    {
      sub: `uid:${USER_ID}`,
      aud: INSTANCE,
      iss: LOGIN,
      iat,
      nbf: iat,
      exp: iat + lifetimeS,
      scp: 'api',
      pad: 'x'.repeat(padding),
    },
    salesforceKey,
    {
      algorithm: 'RS256',
      header: {
        alg: 'RS256',
        typ: 'JWT',
        kid: 'k1',
        tty: 'sfdc-core-token',
        tnk: `core/prod/${ORG_ID}`,
        ver: '1.0',
      } as jwt.JwtHeader,
      noTimestamp: true,
    },
  );
}

const tokenBody = (accessToken: string) => ({
  access_token: accessToken,
  instance_url: INSTANCE,
  id: IDENTITY,
  token_type: 'Bearer',
  scope: 'api',
});

function strategy(now: () => number, store?: MemoryTokenStore) {
  return new JwtBearerStrategy({
    clientId: '3MVG9-consumer-key',
    username: 'integration@acme.com',
    privateKey: keys.pkcs8,
    now,
    ...(store ? { store } : {}),
  });
}

useTokenServer();

describe('a JWT-based access token', () => {
  it('is told apart from a session id', () => {
    expect(isJwtAccessToken(jwtAccessToken(600))).toBe(true);
    expect(isJwtAccessToken(`${ORG_ID.slice(0, 15)}!AQ4AQFakeSessionId`)).toBe(false);
    expect(isJwtAccessToken('a.b.c')).toBe(false);
  });

  it('gets expiresAt from its lifetime (exp − iat), unmoved by a Salesforce clock 7 minutes ahead', async () => {
    const now = 1_000_000;
    tokenEndpoint(LOGIN, () => HttpResponse.json(tokenBody(jwtAccessToken(900, 420))));
    const token = await strategy(() => now).getToken();
    expect(token.issuedAt).toBe(now);
    expect(token.expiresAt).toBe(now + 900_000);
    expect(token).toMatchObject({ organizationId: ORG_ID, userId: USER_ID, instanceUrl: INSTANCE });
  });

  it('has no expiresAt when it is a session id, or its lifetime is missing or past a day', async () => {
    const tokens = [
      `${ORG_ID.slice(0, 15)}!AQ4AQFakeSessionId`,
      jwtAccessToken(2 * 86_400),
      jwt.sign({ sub: 'x' }, salesforceKey, { algorithm: 'RS256', noTimestamp: true }),
    ];
    let index = 0;
    tokenEndpoint(LOGIN, () => HttpResponse.json(tokenBody(tokens[index++]!)));
    const subject = strategy(() => 5);
    for (let call = 0; call < tokens.length; call += 1) {
      const token = call === 0 ? await subject.getToken() : await subject.refresh();
      expect(token.expiresAt).toBeUndefined();
    }
  });

  it('is taken from a shared store by a second process with no exchange', async () => {
    const requests = tokenEndpoint(LOGIN, () =>
      HttpResponse.json(tokenBody(jwtAccessToken(600, 0, 6000))),
    );
    const store = new MemoryTokenStore();
    const first = await strategy(Date.now, store).getToken();
    expect(first.accessToken.length).toBeGreaterThan(4096);
    const second = await strategy(Date.now, store).getToken();
    expect(second.accessToken).toBe(first.accessToken);
    expect(second.expiresAt).toBe(first.expiresAt);
    expect(requests).toHaveLength(1);
  });

  it('passes the stored-token check up to 16 KiB, and not beyond or with a malformed expiresAt', () => {
    const expected = { cacheKey: 'k', loginUrl: LOGIN };
    const stored = (accessToken: string, extra = {}) => ({
      cacheKey: 'k',
      token: {
        accessToken,
        instanceUrl: INSTANCE,
        id: IDENTITY,
        organizationId: ORG_ID,
        userId: USER_ID,
        tokenType: 'Bearer',
        issuedAt: 1,
        ...extra,
      },
    });
    expect(
      checkStoredToken(stored(jwtAccessToken(600, 0, 8000), { expiresAt: 600_001 }), expected),
    ).toBeDefined();
    expect(checkStoredToken(stored(jwtAccessToken(600, 0, 20_000)), expected)).toBeUndefined();
    expect(
      checkStoredToken(stored(jwtAccessToken(600), { expiresAt: 'soon' }), expected),
    ).toBeUndefined();
  });

  it('is redacted from text, errors and their JSON', () => {
    const token = jwtAccessToken(600);
    expect(redactSecrets(`Bearer ${token} rejected`)).toBe('Bearer [redacted] rejected');
    const error = new SalesforceAuthError({
      code: 'invalid_response',
      response: `{"access_token":"${token}"}`,
    });
    expect(JSON.stringify(error)).not.toContain(token.split('.')[1]);
    expect(inspect(error)).not.toContain(token.split('.')[1]);
  });
});
