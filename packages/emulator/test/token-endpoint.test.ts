import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKeyPairAndCertificate,
  createTestOrg,
  type RunningEmulator,
  startEmulator,
  type TestOrg,
} from '../src/index.js';
import { assertion, exchange, LOGIN_AUD, TEST_AUD } from './harness.js';

let org: TestOrg;
let emulator: RunningEmulator;
let otherKey: string;

beforeAll(async () => {
  org = await createTestOrg({
    usernames: [
      'integration@example.com',
      'inactive@example.com',
      'noperm@example.com',
      'site@example.com',
    ],
  });
  org.setup.users[1]!.active = false;
  org.setup.users[2]!.profile = 'Standard User';
  org.setup.users[3]!.siteUrl = 'https://acme.my.site.com/partners';
  org.setup.apps[0]!.profiles = ['Integration User'];
  org.setup.apps[0]!.permissionSets = [];
  otherKey = (await createKeyPairAndCertificate()).privateKey;
  emulator = await startEmulator({ setup: org.setup });
});
afterAll(() => emulator.stop());

const SF_400 = (error: string, description: string) => ({
  status: 400,
  body: { error, error_description: description },
});

describe('token endpoint rejections, exactly as Salesforce answers', () => {
  it.each([
    [
      'a wrong grant_type',
      () => ({ jwt: assertion(org), grantType: 'password' }),
      SF_400('unsupported_grant_type', 'grant type not supported'),
    ],
    [
      'a JSON body instead of a form',
      () => ({ jwt: assertion(org), contentType: 'application/json' }),
      SF_400('unsupported_grant_type', 'grant type not supported'),
    ],
    ['a malformed JWT', () => ({ jwt: 'not-a-jwt' }), SF_400('invalid_grant', 'invalid assertion')],
    [
      'an HS256 JWT',
      () => ({
        jwt: assertion(org, {}, { key: 'shared-secret-shared-secret-shared', algorithm: 'HS256' }),
      }),
      SF_400('invalid_grant', 'invalid assertion'),
    ],
    [
      'a signature by another key',
      () => ({ jwt: assertion(org, {}, { key: otherKey }) }),
      SF_400('invalid_grant', 'invalid assertion'),
    ],
    [
      'an unknown consumer key',
      () => ({ jwt: assertion(org, { iss: 'nope' }) }),
      SF_400('invalid_client_id', 'client identifier invalid'),
    ],
    [
      'a missing exp',
      () => ({ jwt: assertion(org, { exp: undefined }) }),
      SF_400('invalid_grant', 'invalid assertion'),
    ],
    [
      'an exp in the past',
      () => ({ jwt: assertion(org, { exp: Math.floor(Date.now() / 1000) - 600 }) }),
      SF_400('invalid_grant', 'expired authorization code'),
    ],
    [
      'the sandbox audience on a production org',
      () => ({ jwt: assertion(org, { aud: TEST_AUD }) }),
      SF_400('invalid_grant', 'audience is invalid'),
    ],
    [
      'an unknown user',
      () => ({ jwt: assertion(org, { sub: 'ghost@example.com' }) }),
      SF_400('invalid_grant', "user hasn't approved this consumer"),
    ],
    [
      'a user whose profile is not assigned',
      () => ({ jwt: assertion(org, { sub: 'noperm@example.com' }) }),
      SF_400('invalid_app_access', 'user is not admin approved to access this app'),
    ],
    [
      'an inactive user',
      () => ({ jwt: assertion(org, { sub: 'inactive@example.com' }) }),
      SF_400('inactive_user', 'user is inactive'),
    ],
  ])('answers %s', async (_name, build, expected) => {
    const { jwt, ...init } = build();
    const before = emulator.stats().failedTokenExchanges;
    await expect(exchange(emulator.url, jwt, init)).resolves.toEqual(expected);
    expect(emulator.stats().failedTokenExchanges).toBe(before + 1);
  });

  it('answers an app that is not admin approved with "user hasn\'t approved this consumer"', async () => {
    const local = await createTestOrg();
    local.setup.apps[0]!.adminApproved = false;
    const server = await startEmulator({ setup: local.setup });
    try {
      await expect(exchange(server.url, assertion(local))).resolves.toEqual(
        SF_400('invalid_grant', "user hasn't approved this consumer"),
      );
    } finally {
      await server.stop();
    }
  });

  it('answers a locked org with inactive_org', async () => {
    const local = await createTestOrg({ extra: { org: { locked: true } } });
    const server = await startEmulator({ setup: local.setup });
    try {
      await expect(exchange(server.url, assertion(local))).resolves.toEqual(
        SF_400('inactive_org', 'organization is locked, closed, or suspended'),
      );
    } finally {
      await server.stop();
    }
  });
});

describe('token endpoint success', () => {
  it('issues a token for the login audience, shaped as Salesforce does, and counts it', async () => {
    const before = emulator.stats().tokenExchangesByUser['integration@example.com'] ?? 0;
    const { status, body } = await exchange(emulator.url, assertion(org));
    expect(status).toBe(200);
    expect(body.access_token).toMatch(/^00D\w{12}!AQ/);
    expect(body.instance_url).toBe(emulator.url);
    expect(body.id).toMatch(new RegExp(`^${emulator.url}/id/00D\\w{15}/005\\w{15}$`));
    expect(body.token_type).toBe('Bearer');
    expect(body.scope).toBe('api');
    expect(body).not.toHaveProperty('refresh_token');
    expect(body).not.toHaveProperty('expires_in');
    expect(emulator.stats().tokenExchangesByUser['integration@example.com']).toBe(before + 1);
  });

  it('issues a new token on every exchange', async () => {
    const first = await exchange(emulator.url, assertion(org));
    const second = await exchange(emulator.url, assertion(org));
    expect(first.body.access_token).not.toBe(second.body.access_token);
  });

  it('accepts the test audience on a sandbox org', async () => {
    const sandbox = await createTestOrg({ sandbox: true });
    const server = await startEmulator({ setup: sandbox.setup });
    try {
      expect((await exchange(server.url, assertion(sandbox, { aud: TEST_AUD }))).status).toBe(200);
      expect(
        (await exchange(server.url, assertion(sandbox, { aud: LOGIN_AUD }))).body.error_description,
      ).toBe('audience is invalid');
    } finally {
      await server.stop();
    }
  });

  it('accepts a site user with the site URL as audience, and returns the site fields', async () => {
    const { status, body } = await exchange(
      emulator.url,
      assertion(org, { sub: 'site@example.com', aud: 'https://acme.my.site.com/partners' }),
    );
    expect(status).toBe(200);
    expect(body.sfdc_site_url).toBe('https://acme.my.site.com/partners');
  });

  it('tolerates about three minutes of clock skew on exp', async () => {
    const { status } = await exchange(
      emulator.url,
      assertion(org, { exp: Math.floor(Date.now() / 1000) - 60 }),
    );
    expect(status).toBe(200);
  });

  it('sends a Date header from its own (offset) clock', async () => {
    const skewed = await createTestOrg({ extra: { clockOffsetMs: 3_600_000 } });
    const server = await startEmulator({ setup: skewed.setup });
    try {
      const response = await fetch(`${server.url}/services/data`);
      const skew = Date.parse(response.headers.get('date')!) - Date.now();
      expect(skew).toBeGreaterThan(3_500_000);
    } finally {
      await server.stop();
    }
  });
});

describe('login rate limit', () => {
  it('answers logins beyond the hourly limit with the rate-limit error', async () => {
    const limited = await createTestOrg({ extra: { loginRateLimitPerHour: 3 } });
    let now = Date.now();
    const server = await startEmulator({ setup: limited.setup, now: () => now });
    try {
      for (let index = 0; index < 3; index += 1) {
        expect((await exchange(server.url, assertion(limited))).status).toBe(200);
      }
      await expect(exchange(server.url, assertion(limited))).resolves.toEqual(
        SF_400('invalid_grant', 'login rate exceeded'),
      );
      now += 3_600_001;
      expect(
        (await exchange(server.url, assertion(limited, { exp: Math.floor(now / 1000) + 180 })))
          .status,
      ).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
