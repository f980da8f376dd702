import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type JwtBearerConfig, JwtBearerStrategy, SalesforceAuthError } from '../src/index.js';
import { makeKeys, strategyConfig } from './harness.js';

const keys = makeKeys();
const good = strategyConfig(keys.pkcs8);
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-bad-'));
const emptyFile = join(dir, 'empty.key');
writeFileSync(emptyFile, '');
const certLike = `-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n`;
const lines = keys.pkcs8.split('\n');
const truncated = lines.slice(0, Math.floor(lines.length / 2)).join('\n');
// Literal \n in a PEM that is still malformed once they are newlines again (a whole one is accepted).
const escapedNewlines = keys.pkcs8.split('\n').slice(0, 8).join('\\n');
const huge = 'x'.repeat(100_000);

// Each row: a scenario, the config change, and a fragment the hint must carry.
const cases: Array<[string, Partial<Record<keyof JwtBearerConfig, unknown>>, RegExp]> = [
  ['missing clientId', { clientId: undefined }, /Consumer Key/],
  ['empty clientId', { clientId: '' }, /Consumer Key/],
  ['blank clientId', { clientId: '   ' }, /Consumer Key/],
  ['numeric clientId', { clientId: 42 }, /Consumer Key/],
  ['null clientId', { clientId: null }, /Consumer Key/],
  ['object clientId', { clientId: {} }, /Consumer Key/],
  ['huge clientId', { clientId: huge }, /Consumer Key/],
  ['clientId with trailing newline', { clientId: '3MVG9-key\n' }, /Trim/],
  ['missing username', { username: undefined }, /username/],
  ['empty username', { username: '' }, /username/],
  ['array username', { username: ['a@b.c'] }, /username/],
  ['username with space', { username: 'in tegration@acme.com' }, /spaces/],
  ['huge username', { username: `${huge}@acme.com` }, /username/],
  ['no key at all', { privateKey: undefined }, /privateKeyFile/],
  ['empty key string', { privateKey: '' }, /PEM/],
  ['key is a number', { privateKey: 12345 }, /PEM/],
  ['key is an object', { privateKey: { pem: keys.pkcs8 } }, /PEM/],
  ['truncated PEM', { privateKey: truncated }, /truncated/],
  ['PEM with literal \\n', { privateKey: escapedNewlines }, /truncated|newlines/],
  ['base64 without PEM armour', { privateKey: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }, /BEGIN/],
  ['certificate passed as key', { privateKey: certLike }, /certificate/],
  ['public key PEM passed as key', { privateKey: keys.publicPem }, /public key/],
  ['public KeyObject passed as key', { privateKey: keys.publicKey }, /not the public key/],
  ['EC key', { privateKey: ec.privateKey }, /RSA/],
  ['EC key PEM', { privateKey: ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) }, /RSA/],
  ['Ed25519 key', { privateKey: ed.privateKey }, /RSA/],
  ['1024-bit RSA key', { privateKey: small.privateKey }, /2048/],
  ['encrypted key without passphrase', { privateKey: keys.encrypted }, /passphrase/],
  [
    'encrypted key, wrong passphrase',
    { privateKey: keys.encrypted, passphrase: 'nope' },
    /passphrase/,
  ],
  ['key file missing', { privateKey: undefined, privateKeyFile: join(dir, 'nope.key') }, /path/],
  ['key file empty', { privateKey: undefined, privateKeyFile: emptyFile }, /BEGIN/],
  ['key file is a directory', { privateKey: undefined, privateKeyFile: dir }, /path/],
  ['key file path empty', { privateKey: undefined, privateKeyFile: '' }, /path/],
  ['http login URL', { loginUrl: 'http://login.salesforce.com' }, /https/],
  ['login URL with credentials', { loginUrl: 'https://u:p@login.salesforce.com' }, /user:password/],
  ['login URL with query', { loginUrl: 'https://login.salesforce.com/?x=1' }, /query/],
  [
    'login URL with a path',
    { loginUrl: 'https://login.salesforce.com/services/oauth2/authorize' },
    /origin/,
  ],
  ['login URL not a URL', { loginUrl: 'login.salesforce.com' }, /https URL/],
  ['login URL empty', { loginUrl: '' }, /https URL/],
  ['login URL ftp', { loginUrl: 'ftp://login.salesforce.com' }, /https URL/],
  ['login URL huge', { loginUrl: `https://${huge}.com` }, /https URL/],
  ['audience not a URL', { audience: 'salesforce' }, /https URL/],
  ['audience over http', { audience: 'http://login.salesforce.com' }, /https/],
  ['lifetime zero', { lifetimeSeconds: 0 }, /1 to 300/],
  ['lifetime above 300', { lifetimeSeconds: 301 }, /1 to 300/],
  ['lifetime negative', { lifetimeSeconds: -5 }, /1 to 300/],
  ['lifetime fractional', { lifetimeSeconds: 1.5 }, /1 to 300/],
  ['lifetime in milliseconds', { lifetimeSeconds: 180_000 }, /1 to 300/],
  ['lifetime a string', { lifetimeSeconds: '180' }, /1 to 300/],
  ['signer not a function', { signer: 'kms' }, /async function/],
];

describe('JwtBearerStrategy rejects unusable configs up front', () => {
  it('covers at least 40 malformed configs and keys', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s → invalid_config with a specific hint', (_name, change, hint) => {
    let thrown: unknown;
    try {
      new JwtBearerStrategy({ ...good, ...change } as JwtBearerConfig);
    } catch (error) {
      thrown = error;
    }
    expect(SalesforceAuthError.isInstance(thrown)).toBe(true);
    const error = thrown as SalesforceAuthError;
    expect(error.code).toBe('invalid_config');
    expect(error.retryable).toBe(false);
    expect(error.hint).toMatch(hint);
    expect(error.message.startsWith('[sf-jwt] ')).toBe(true);
    for (const secret of [lines[1]!, lines[5]!]) {
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
    expect(error.message.length).toBeLessThan(600);
  });

  it('accepts a unicode username and loopback http URLs', () => {
    expect(() => new JwtBearerStrategy({ ...good, username: 'jürgen@müller.de' })).not.toThrow();
    for (const loginUrl of ['http://127.0.0.1:4010', 'http://localhost:1', 'http://[::1]:8080']) {
      expect(() => new JwtBearerStrategy({ ...good, loginUrl })).not.toThrow();
    }
  });

  it('rejects a non-object config', () => {
    expect(() => new JwtBearerStrategy(null as unknown as JwtBearerConfig)).toThrowError(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });
});
