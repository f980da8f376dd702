import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JwtBearerConfig, JwtBearerStrategy } from '@sf-jwt/core';
import { createKeyPairAndCertificate } from '@sf-jwt/core/certificate';
import { type RunningEmulator, startTestOrg, type TestOrg } from '@sf-jwt/emulator';
import { ConnectionPool, createConnection } from '@sf-jwt/jsforce-adapter';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforce } from '../src/index.js';
import { appBehind } from './harness.js';

let org: TestOrg;
let emulator: RunningEmulator;
beforeAll(async () => {
  ({ org, emulator } = await startTestOrg());
});
afterAll(() => emulator.stop());

/** Replaces the key file the way a deploy should: a new file renamed over the old one. */
function replaceKeyFile(path: string, content: string): void {
  const next = `${path}.next`;
  writeFileSync(next, content, { mode: 0o600 });
  renameSync(next, path);
}

/** A key file holding the org's key, and a config signing with it on a clock the test moves. */
function rotating(prefix: string, extra: Partial<JwtBearerConfig> = {}) {
  const keyFile = join(mkdtempSync(join(tmpdir(), prefix)), 'server.key');
  writeFileSync(keyFile, org.privateKey, { mode: 0o600 });
  const clock = { monotonic: 0 };
  const logged: string[] = [];
  const config: JwtBearerConfig = {
    clientId: org.clientId,
    username: org.username,
    privateKeyFile: keyFile,
    loginUrl: emulator.url,
    ...extra,
    monotonicNow: () => clock.monotonic,
    logger: { warn: (message) => logged.push(message) },
  };
  return { keyFile, clock, logged, config };
}

describe('key rotation without restart', () => {
  it('a strategy, a connection, the pool and the middleware all sign with a replaced key file within the check interval, and no request fails', async () => {
    const { keyFile, clock, logged, config } = rotating('sf-jwt-rotation-', {
      keyCheckIntervalMs: 5000,
    });
    const strategy = new JwtBearerStrategy(config);
    const connection = await createConnection(config);
    const pool = new ConnectionPool(config);
    const app = appBehind(salesforce(config));

    // What a caller of a bare strategy does: use the token, refresh it once when rejected.
    const viaStrategy = async () => {
      const userinfo = (accessToken: string) =>
        fetch(`${emulator.url}/services/oauth2/userinfo`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
      const token = await strategy.getToken();
      let response = await userinfo(token.accessToken);
      if (response.status === 401) {
        response = await userinfo((await strategy.refresh(token.accessToken)).accessToken);
      }
      return response.status;
    };
    const failures: string[] = [];
    const round = async (label: string) => {
      const outcomes = await Promise.allSettled([
        viaStrategy().then((status) => status === 200 || Promise.reject(status)),
        connection.request('/services/oauth2/userinfo'),
        Promise.resolve(pool.get('')).then((pooled) => pooled.request('/services/oauth2/userinfo')),
        request(app)
          .get('/me')
          .then((response) => response.status === 200 || Promise.reject(response.status)),
      ]);
      outcomes.forEach((outcome, index) => {
        if (outcome.status === 'rejected') failures.push(`${label} #${index}: ${outcome.reason}`);
      });
    };

    await round('before');
    const exchangesBefore = emulator.stats().tokenExchanges;
    expect(exchangesBefore).toBe(4);

    // Rotate: the new certificate goes to the app, the new key replaces the file.
    const next = await createKeyPairAndCertificate({ commonName: 'rotated' });
    replaceKeyFile(keyFile, next.privateKey);
    emulator.updateApp(org.clientId, { certificate: next.certificate });
    await round('held tokens, before the check');
    expect(emulator.stats().tokenExchanges).toBe(exchangesBefore);

    // The interval passes and every session ends: each entry point must log in again, and the
    // emulator now accepts only the new key.
    clock.monotonic += 5000;
    emulator.expireSessions();
    await round('after the check');
    expect(failures).toEqual([]);
    expect(emulator.stats().tokenExchanges).toBe(exchangesBefore + 4);
    expect(emulator.stats().failedTokenExchanges).toBe(0);
    expect(logged).toEqual([]);
  });

  it('a corrupt replacement keeps the key in use, is reported once with its reason, and reloadKey() says why', async () => {
    const { keyFile, clock, logged, config } = rotating('sf-jwt-rotation-bad-');
    emulator.updateApp(org.clientId, { certificate: org.certificate });
    const strategy = new JwtBearerStrategy(config);
    const first = await strategy.getToken();
    replaceKeyFile(keyFile, `${org.privateKey.slice(0, 200)}\n-----END PRIVATE KEY-----\n`);
    clock.monotonic += 5000;
    const failedBefore = emulator.stats().failedTokenExchanges;
    emulator.expireSessions();
    const second = await strategy.refresh(first.accessToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(emulator.stats().failedTokenExchanges).toBe(failedBefore);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /the previous key stays in use: privateKeyFile .* could not be parsed/,
    );
    expect(logged[0]).not.toContain('PRIVATE KEY-----');
    const forced = strategy.reloadKey();
    expect(forced.changed).toBe(false);
    expect(forced.error?.code).toBe('invalid_config');
    expect(logged).toHaveLength(1); // the same file version is reported once
    // A good file again: reloadKey() takes it at once, without waiting for the interval.
    const next = await createKeyPairAndCertificate();
    replaceKeyFile(keyFile, next.privateKey);
    expect(strategy.reloadKey()).toEqual({ changed: true });
  });
});
