import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPrivateKey, type PrivateKeyOptions, SalesforceAuthError } from '../src/index.js';
import { makeKeys } from './harness.js';

const keys = makeKeys();
const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-key-errors-'));
const asEnvVariable = (pem: string) => pem.replace(/\n/g, '\\n');
const lines = keys.pkcs8.split('\n');
const truncated = lines.slice(0, Math.floor(lines.length / 2)).join('\n');
const certificate =
  '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';

function failure(options: PrivateKeyOptions): SalesforceAuthError {
  try {
    loadPrivateKey(options);
  } catch (error) {
    if (SalesforceAuthError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected loadPrivateKey to fail');
}

function expectNoKeyMaterial(error: SalesforceAuthError): void {
  for (const line of [lines[1]!, lines[5]!, lines[10]!]) {
    expect(error.message).not.toContain(line);
    expect(JSON.stringify(error)).not.toContain(line);
  }
}

describe('a key file that cannot be used is named by its path', () => {
  it('names a missing file, as given and resolved, and says relative paths start at the cwd', () => {
    const missing = join(dir, 'nope.key');
    const error = failure({ privateKeyFile: relative(process.cwd(), missing) });
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain(missing);
    expect(error.message).toContain('ENOENT');
    expect(error.hint).toMatch(/working directory/);
  });

  it('names a directory given as the key file', () => {
    const error = failure({ privateKeyFile: dir });
    expect(error.message).toContain(dir);
    expect(error.hint).toMatch(/directory/);
  });

  // Skipped as root: root reads any file whatever its mode, so EACCES cannot be produced.
  it.skipIf(process.getuid?.() === 0)('names a file this process may not read', () => {
    const locked = join(dir, 'locked.key');
    writeFileSync(locked, keys.pkcs8, { mode: 0o600 });
    chmodSync(locked, 0o000);
    const error = failure({ privateKeyFile: locked });
    expect(error.message).toContain(locked);
    expect(error.hint).toMatch(/may not read/);
  });

  it.each([
    ['empty', ''],
    ['truncated', truncated],
    ['a certificate', certificate],
    ['a public key', keys.publicPem],
    ['encrypted without a passphrase', keys.encrypted],
  ])('names a key file that is %s, without printing its content', (_name, content) => {
    const path = join(dir, `${_name.replace(/\W+/g, '-')}.key`);
    writeFileSync(path, content, { mode: 0o600 });
    const error = failure({ privateKeyFile: path });
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain(path);
    expectNoKeyMaterial(error);
  });
});

describe('a PEM with literal \\n (from an environment variable) is spotted in every failure', () => {
  it.each([
    ['whole, all on one line', asEnvVariable(keys.pkcs8)],
    ['mixed with real newlines', `${lines[0]}\n${asEnvVariable(lines.slice(1).join('\n'))}`],
  ])('%s but otherwise whole → accepted with real newlines, and reported', (_name, privateKey) => {
    let reported = 0;
    const key = loadPrivateKey({ privateKey }, () => {
      reported += 1;
    });
    expect(key.export({ type: 'pkcs8', format: 'pem' })).toBe(keys.pkcs8);
    expect(reported).toBe(1);
  });

  it.each([
    ['truncated too', asEnvVariable(truncated)],
    ['armour lost', asEnvVariable(keys.pkcs8).replace(/-----[A-Z ]+-----/g, '')],
    ['a certificate', asEnvVariable(certificate)],
    ['a public key', asEnvVariable(keys.publicPem)],
    ['encrypted without a passphrase', asEnvVariable(keys.encrypted)],
    [
      'truncated, mixed with real newlines',
      `${lines[0]}\n${asEnvVariable(lines.slice(1, 8).join('\n'))}`,
    ],
  ])('%s → a hint that names the literal \\n and the fix', (_name, privateKey) => {
    const error = failure({ privateKey });
    expect(error.code).toBe('invalid_config');
    expect(error.hint).toContain('literal \\n');
    expect(error.hint).toContain(".replace(/\\\\n/g, '\\n')");
    expectNoKeyMaterial(error);
  });

  it('also when the mangled PEM sits in a key file', () => {
    const path = join(dir, 'escaped.key');
    writeFileSync(path, asEnvVariable(truncated), { mode: 0o600 });
    const error = failure({ privateKeyFile: path });
    expect(error.message).toContain(path);
    expect(error.hint).toContain('literal \\n');
  });

  it('does not mention \\n for a truncated PEM with real newlines', () => {
    expect(failure({ privateKey: truncated }).hint).not.toContain('literal \\n');
  });
});
