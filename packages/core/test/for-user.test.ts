import { describe, expect, it } from 'vitest';
import { JwtBearerStrategy, MemoryTokenStore } from '../src/index.js';
import { decodeJwt, LOGIN, notApproved, okToken, strategyTest, tokenEndpoint } from './harness.js';

const { config } = strategyTest();

describe('JwtBearerStrategy.forUser', () => {
  it('signs for the other user with the same app, and keeps a token per user', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const app = new JwtBearerStrategy(config);
    const jane = app.forUser('jane@acme.com');
    expect(jane.username).toBe('jane@acme.com');
    expect(jane.cacheKey).toBe(`sf-jwt:${LOGIN}:${config.clientId}:jane@acme.com`);
    expect(jane.loginUrl).toBe(LOGIN);
    await Promise.all([jane.getToken(), jane.getToken(), app.getToken()]);
    expect(requests).toHaveLength(2);
    const subjects = requests.map(({ assertion }) => decodeJwt(assertion).claims);
    expect(subjects.map((claims) => claims.sub).sort()).toEqual([
      'integration@acme.com',
      'jane@acme.com',
    ]);
    expect(new Set(subjects.map((claims) => claims.iss))).toEqual(new Set([config.clientId]));
    await jane.getToken();
    expect(requests).toHaveLength(2);
  });

  it('refuses an unusable username with invalid_config, before any request', async () => {
    const requests = tokenEndpoint(LOGIN, okToken);
    const app = new JwtBearerStrategy(config);
    for (const username of ['', ' jane@acme.com', 'jane @acme.com', 'x'.repeat(2000)]) {
      expect(() => app.forUser(username)).toThrow(
        expect.objectContaining({ code: 'invalid_config' }),
      );
    }
    // A refused username leaves nothing behind: the next strategy validates its own config.
    expect(() => new JwtBearerStrategy({ ...config, clientId: '' })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
    expect(requests).toHaveLength(0);
  });

  it('shares the store but not the login budget: one user failing leaves the other logging in', async () => {
    const requests = tokenEndpoint(LOGIN, (_request, index) =>
      index === 0 ? notApproved() : okToken(),
    );
    const store = new MemoryTokenStore();
    const app = new JwtBearerStrategy({ ...config, store });
    const ghost = app.forUser('ghost@acme.com');
    await expect(ghost.getToken()).rejects.toMatchObject({ code: 'user_not_approved' });
    await expect(ghost.getToken()).rejects.toMatchObject({ code: 'user_not_approved' });
    expect(requests).toHaveLength(1); // remembered for ghost
    const jane = app.forUser('jane@acme.com');
    await jane.getToken();
    expect(requests).toHaveLength(2);
    expect(await store.get(jane.cacheKey)).toMatchObject({ cacheKey: jane.cacheKey });
  });

  it('gets events only to its own listeners, added after construction', async () => {
    tokenEndpoint(LOGIN, okToken);
    const app = new JwtBearerStrategy(config);
    const jane = app.forUser('jane@acme.com');
    const seen: string[] = [];
    app.on('loginAttempt', () => seen.push('app'));
    jane.on('loginAttempt', () => seen.push('jane'));
    await jane.getToken();
    expect(seen).toEqual(['jane']);
    expect(jane.listenerCount('loginAttempt')).toBe(1);
    expect(app.forUser('bob@acme.com').listenerCount('loginAttempt')).toBe(0);
  });
});
