import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JwtBearerStrategy, SalesforceAuthError } from '../src/index.js';
import { inspectKeyFile } from '../src/internal.js';
import { makeKeys } from './harness.js';

const keys = makeKeys();

/** A key file as an operator might leave it: `mode` on the file, `dirMode` on its folder. */
function keyFile(mode: number, dirMode = 0o700): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-perm-'));
  const file = join(dir, 'server.key');
  writeFileSync(file, keys.pkcs8, { mode });
  chmodSync(file, mode);
  chmodSync(dir, dirMode);
  return { file, dir };
}

function symlinkedKey(targetMode: number): string {
  const { file } = keyFile(targetMode);
  const linkDir = mkdtempSync(join(tmpdir(), 'sf-jwt-link-'));
  const link = join(linkDir, 'server.key');
  symlinkSync(file, link);
  return link;
}

const warnings: Array<{ code?: string; message: string }> = [];
const onWarning = (warning: Error & { code?: string }) =>
  warnings.push({ code: warning.code, message: warning.message });
process.on('warning', onWarning);
afterEach(() => {
  warnings.length = 0;
});

function strategies(privateKeyFile: string, extra: Record<string, unknown> = {}) {
  const logged: string[] = [];
  const logger = { warn: (message: string) => logged.push(message) };
  const config = { clientId: 'c', username: 'u@example.com', privateKeyFile, logger, ...extra };
  return { logged, make: () => new JwtBearerStrategy(config) };
}

const unprotected: Array<[string, () => string, RegExp]> = [
  ['a 0644 key', () => keyFile(0o644).file, /mode 0644: group or others may read it/],
  ['a 0666 key', () => keyFile(0o666).file, /mode 0666: group or others may read it/],
  ['a symlink to a 0644 key', () => symlinkedKey(0o644), /\(the link ".*" points to it\)/],
  [
    'a 0600 key in a world-writable directory',
    () => keyFile(0o600, 0o777).file,
    /mode 0777: others may write it and swap the key/,
  ],
];

describe('key file permissions', () => {
  it.each(unprotected)(
    '%s warns once per key, to the logger and as a process warning',
    async (_, make, problem) => {
      const { logged, make: strategy } = strategies(make());
      strategy();
      strategy();
      strategy().forUser('other@example.com');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(problem);
      expect(logged[0]).toMatch(/Fix: (chown \d+ .* && chmod 600|chmod o-w)/);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.code)).toEqual(['SF_JWT_KEY_FILE_UNPROTECTED']);
      expect(JSON.stringify(logged)).not.toContain('PRIVATE KEY');
    },
  );

  it.each(unprotected)('%s is refused with key_file_unprotected in strict mode', (_, make) => {
    const { make: strategy } = strategies(make(), { strictKeyPermissions: true });
    let caught: unknown;
    try {
      strategy();
    } catch (error) {
      caught = error;
    }
    expect(SalesforceAuthError.isInstance(caught) && caught.code).toBe('key_file_unprotected');
    expect((caught as SalesforceAuthError).hint).toMatch(/chmod/);
  });

  it('says nothing about a 0600 key in a 0700 directory, strict or not', async () => {
    const { file } = keyFile(0o600);
    const { logged, make } = strategies(file, { strictKeyPermissions: true });
    expect(() => make()).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(logged).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('accepts a symlink to a 0600 key (as Kubernetes secret volumes mount them)', () => {
    const { make } = strategies(symlinkedKey(0o600), { strictKeyPermissions: true });
    expect(() => make()).not.toThrow();
  });

  it('skips the check and says so on a platform without POSIX modes', () => {
    const { file } = keyFile(0o644);
    expect(inspectKeyFile(file, 'win32')).toEqual({
      checked: false,
      reason: expect.stringMatching(/no POSIX file modes/),
    });
  });

  it('reports a key in a group-readable nested folder by the file, not the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-perm-'));
    mkdirSync(join(dir, 'keys'), { mode: 0o750 });
    const file = join(dir, 'keys', 'server.key');
    writeFileSync(file, keys.pkcs8, { mode: 0o600 });
    const inspection = inspectKeyFile(file);
    expect(inspection).toEqual({ checked: true, findings: [] });
  });
});
