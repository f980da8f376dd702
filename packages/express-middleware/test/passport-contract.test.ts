import { createKeyPairAndCertificate } from '@sf-jwt/emulator';
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SalesforceJwtStrategy } from '../src/index.js';
import { drive, failOnUnhandledRejections, type Org, startOrg } from './harness.js';

let env: Org;
failOnUnhandledRejections();
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());

// chai-passport-strategy's request is a plain object: headers only, no req.get().
const userHeader = (req: Request) => req.headers['x-user'] as string | undefined;
const actions = (outcomes: { action: string }[]) => outcomes.map(({ action }) => action);
const perUser = () => new SalesforceJwtStrategy(env.config, { subject: userHeader });
const asUser = (username: string) => ({
  prepare: (req: Request) => {
    req.headers['x-user'] = username;
  },
});

describe('SalesforceJwtStrategy under chai-passport-strategy', () => {
  it('succeeds once with the Connection of the subject', async () => {
    const { outcomes } = await drive(perUser(), asUser('user4@example.com'));
    expect(actions(outcomes)).toEqual(['success']);
    const connection = (outcomes[0] as { user: { request: <T>(url: string) => Promise<T> } }).user;
    const info = await connection.request<{ preferred_username: string }>(
      '/services/oauth2/userinfo',
    );
    expect(info.preferred_username).toBe('user4@example.com');
  });

  it('fails once with a Bearer challenge and 401 when no subject maps to the request', async () => {
    const { outcomes } = await drive(perUser());
    expect(outcomes).toEqual([
      {
        action: 'fail',
        challenge: expect.stringMatching(/^Bearer realm="salesforce", error="invalid_token"/),
        status: 401,
      },
    ]);
  });

  it('errors once with the code when the exchange is refused', async () => {
    const wrongKey = (await createKeyPairAndCertificate()).privateKey;
    const { outcomes } = await drive(
      new SalesforceJwtStrategy({ ...env.config, privateKey: wrongKey }),
    );
    expect(actions(outcomes)).toEqual(['error']);
    expect(outcomes[0]).toMatchObject({ error: { code: 'invalid_assertion' } });
  });

  it('errors once when the subject resolver throws or rejects', async () => {
    const throwing = new SalesforceJwtStrategy(env.config, {
      subject: () => {
        throw new Error('directory down');
      },
    });
    const rejecting = new SalesforceJwtStrategy(env.config, {
      subject: async () => Promise.reject(new Error('directory down')),
    });
    for (const strategy of [throwing, rejecting]) {
      expect(actions((await drive(strategy)).outcomes)).toEqual(['error']);
    }
  });

  it('hands a throw from a cold success handler to req.next, never to error()', async () => {
    const boom = new Error('custom callback failed');
    const { outcomes, thrown } = await drive(perUser(), {
      ...asUser('user5@example.com'),
      withNext: true,
      onSuccess: () => {
        throw boom;
      },
    });
    expect(thrown).toBeUndefined();
    expect(actions(outcomes)).toEqual(['success', 'next']);
    expect(outcomes[1]).toEqual({ action: 'next', error: boom });
  });

  it('lets a throw from a warm success handler propagate to the caller, as a synchronous strategy', async () => {
    const strategy = perUser();
    await drive(strategy, asUser('user6@example.com')); // warm: the connection is cached
    const boom = new Error('custom callback failed');
    const { outcomes, thrown } = await drive(strategy, {
      ...asUser('user6@example.com'),
      onSuccess: () => {
        throw boom;
      },
    });
    expect(thrown).toBe(boom);
    expect(actions(outcomes)).toEqual(['success']);
  });

  it('passes a CORS preflight without a subject or an exchange', async () => {
    const before = env.emulator.stats().tokenExchanges;
    const { outcomes } = await drive(new SalesforceJwtStrategy(env.config), {
      prepare: (req) => {
        req.method = 'OPTIONS';
        req.headers['access-control-request-method'] = 'POST';
      },
    });
    expect(actions(outcomes)).toEqual(['pass']);
    expect(env.emulator.stats().tokenExchanges).toBe(before);
  });
});

describe('SalesforceJwtStrategy verify callback (last argument)', () => {
  it('maps the Connection to the user it returns', async () => {
    const strategy = new SalesforceJwtStrategy(env.config, (connection, done) =>
      done(null, { instanceUrl: connection.instanceUrl }, { scope: 'api' }),
    );
    const { outcomes } = await drive(strategy);
    expect(outcomes).toEqual([
      { action: 'success', user: { instanceUrl: env.emulator.url }, info: { scope: 'api' } },
    ]);
  });

  it('gets the request first with passReqToCallback', async () => {
    const strategy = new SalesforceJwtStrategy(
      env.config,
      { subject: userHeader, passReqToCallback: true },
      (req, _connection, done) => done(null, { for: req.headers['x-user'] }),
    );
    const { outcomes } = await drive(strategy, asUser('user7@example.com'));
    expect(outcomes).toEqual([{ action: 'success', user: { for: 'user7@example.com' } }]);
  });

  it('fails with a Bearer challenge carrying the rejection message', async () => {
    const strategy = new SalesforceJwtStrategy(env.config, (_connection, done) =>
      done(null, false, { message: 'Account disabled' }),
    );
    const { outcomes } = await drive(strategy);
    expect(outcomes).toEqual([
      {
        action: 'fail',
        challenge:
          'Bearer realm="salesforce", error="invalid_token", error_description="Account disabled"',
        status: 401,
      },
    ]);
  });

  it('keeps the challenge a valid quoted-string whatever the rejection message holds', async () => {
    const strategy = new SalesforceJwtStrategy(env.config, (_connection, done) =>
      done(null, false, 'Say "no" \\ twice\r\nSet-Cookie: x=1'),
    );
    const { outcomes } = await drive(strategy);
    expect(outcomes[0]).toMatchObject({
      challenge: expect.stringMatching(/error_description="Say no {2}twiceSet-Cookie: x=1"$/),
    });
  });

  it('settles once however often done is called, and errors when verify throws or rejects', async () => {
    const twice = new SalesforceJwtStrategy(env.config, (connection, done) => {
      done(null, connection);
      done(new Error('second call'));
    });
    expect(actions((await drive(twice)).outcomes)).toEqual(['success']);
    const throwing = new SalesforceJwtStrategy(env.config, () => {
      throw new Error('verify failed');
    });
    expect(actions((await drive(throwing)).outcomes)).toEqual(['error']);
    const rejecting = new SalesforceJwtStrategy(env.config, async () => {
      throw new Error('async verify failed');
    });
    const { outcomes } = await drive(rejecting);
    expect(outcomes).toEqual([{ action: 'error', error: new Error('async verify failed') }]);
  });

  it('keeps the name salesforce-jwt unless given, whatever the second argument is', () => {
    const verify = () => {};
    expect(new SalesforceJwtStrategy(env.config).name).toBe('salesforce-jwt');
    expect(new SalesforceJwtStrategy(env.config, verify).name).toBe('salesforce-jwt');
    expect(new SalesforceJwtStrategy(env.config, {}, verify).name).toBe('salesforce-jwt');
    expect(new SalesforceJwtStrategy(env.config, { name: 'sf' }, verify).name).toBe('sf');
  });
});
