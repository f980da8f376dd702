import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAssertion } from '../src/index.js';
import { decodeJwt, makeKeys } from './harness.js';

const keys = makeKeys();
const base = { clientId: '3MVG9-consumer-key', username: 'integration@acme.com' };

afterEach(() => {
  vi.useRealTimers();
});

describe('createAssertion', () => {
  it.each([
    ['https://login.salesforce.com', 'https://login.salesforce.com'],
    ['https://test.salesforce.com', 'https://test.salesforce.com'],
    ['https://acme.my.salesforce.com', 'https://login.salesforce.com'],
    ['https://acme--uat.sandbox.my.salesforce.com', 'https://test.salesforce.com'],
    ['https://acme.my.site.com/partners', 'https://acme.my.site.com/partners'],
    ['http://127.0.0.1:4010', 'https://login.salesforce.com'],
  ])('derives the audience for %s as %s, with exact header and claims', async (loginUrl, aud) => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00.500Z'));
    const jwt = await createAssertion({ ...base, privateKey: keys.pkcs8, loginUrl });
    const { header, claims } = decodeJwt(jwt);
    expect(header).toEqual({ alg: 'RS256' });
    expect(claims).toEqual({
      iss: base.clientId,
      sub: base.username,
      aud,
      exp: Math.floor(Date.parse('2026-01-01T00:00:00Z') / 1000) + 180,
    });
  });

  it('uses the test audience with sandbox: true and an explicit audience when given', async () => {
    const sandbox = decodeJwt(
      await createAssertion({ ...base, privateKey: keys.pkcs8, sandbox: true }),
    );
    expect(sandbox.claims.aud).toBe('https://test.salesforce.com');
    const pinned = decodeJwt(
      await createAssertion({
        ...base,
        privateKey: keys.pkcs8,
        loginUrl: 'https://acme.my.salesforce.com',
        audience: 'my-domain',
      }),
    );
    expect(pinned.claims.aud).toBe('https://acme.my.salesforce.com');
  });

  it('honours a shorter lifetime, in whole seconds', async () => {
    const now = 1_767_225_600_123;
    const { claims } = decodeJwt(
      await createAssertion({
        ...base,
        privateKey: keys.pkcs8,
        lifetimeSeconds: 60,
        now: () => now,
      }),
    );
    expect(claims.exp).toBe(Math.floor(now / 1000) + 60);
    expect(Number.isInteger(claims.exp)).toBe(true);
  });

  it('verifies against the public key with an independent verifier (jose)', async () => {
    const jwt = await createAssertion({ ...base, privateKey: keys.pkcs8 });
    const { payload, protectedHeader } = await jwtVerify(jwt, keys.publicKey, {
      algorithms: ['RS256'],
      audience: 'https://login.salesforce.com',
      issuer: base.clientId,
      subject: base.username,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.sub).toBe(base.username);
  });

  it('signs exactly the bytes jsonwebtoken signs for the same header and claims', async () => {
    // RS256 (PKCS#1 v1.5) is deterministic: one-shot node:crypto and jsonwebtoken must agree.
    const now = 1_767_225_600_000;
    const assertion = await createAssertion({ ...base, privateKey: keys.pkcs8, now: () => now });
    const claims = {
      iss: base.clientId,
      sub: base.username,
      aud: 'https://login.salesforce.com',
      exp: now / 1000 + 180,
    };
    const expected = jwt.sign(claims, keys.privateKey, {
      algorithm: 'RS256',
      header: { alg: 'RS256', typ: undefined },
      noTimestamp: true,
    });
    expect(assertion).toBe(expected);
  });

  it('signs with PKCS#1, PKCS#8, encrypted PEM, Buffer, KeyObject, a key file and a signer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-key-'));
    const file = join(dir, 'server.key');
    writeFileSync(file, keys.pkcs8, { mode: 0o600 });
    const signer = async (input: Uint8Array) =>
      cryptoSign('sha256', input, createPrivateKey(keys.pkcs8));
    const sources = [
      { privateKey: keys.pkcs1 },
      { privateKey: keys.pkcs8 },
      { privateKey: Buffer.from(keys.pkcs8) },
      { privateKey: keys.encrypted, passphrase: 'correct horse' },
      { privateKey: keys.privateKey },
      { privateKeyFile: file },
      { signer },
    ];
    for (const source of sources) {
      const jwt = await createAssertion({ ...base, ...source });
      await expect(jwtVerify(jwt, keys.publicKey, { algorithms: ['RS256'] })).resolves.toBeTruthy();
    }
  });
});
