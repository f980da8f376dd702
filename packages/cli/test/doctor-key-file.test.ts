import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKeyFile } from '../src/doctor/check-key-file.js';
import { type RunningEmulator, runCli, type TestOrg, useTestOrg } from './harness.js';

let org: TestOrg;
let emulator: RunningEmulator;
useTestOrg({}, (started) => ({ org, emulator } = started));

function keyFile(mode: number, dirMode = 0o700): string {
  const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-doctor-key-'));
  const file = join(dir, 'server.key');
  writeFileSync(file, org.privateKey, { mode });
  chmodSync(file, mode);
  chmodSync(dir, dirMode);
  return file;
}

const doctor = (file: string) =>
  runCli([
    'doctor',
    '--client-id',
    org.clientId,
    '--username',
    org.username,
    '--key-file',
    file,
    '--login-url',
    emulator.url,
  ]);

describe('sf-jwt doctor on the key file', () => {
  it.each([
    ['a 0644 key', () => keyFile(0o644), /chmod 600/],
    ['a 0666 key', () => keyFile(0o666), /chmod 600/],
    [
      'a symlink to a 0644 key',
      () => {
        const link = join(mkdtempSync(join(tmpdir(), 'sf-jwt-doctor-link-')), 'server.key');
        symlinkSync(keyFile(0o644), link);
        return link;
      },
      /chmod 600/,
    ],
    ['a key in a world-writable directory', () => keyFile(0o600, 0o777), /chmod o-w/],
  ])('fails the step for %s and prints the fix', async (_, make, fix) => {
    const result = await doctor(make());
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    const line = lines.findIndex((text) => text.startsWith('FAIL  key file permissions:'));
    expect(line).toBeGreaterThanOrEqual(0);
    expect(lines[line + 1]).toMatch(/^ {6}fix: /);
    expect(lines[line + 1]).toMatch(fix);
    // Only that step fails: the key itself works.
    expect(result.stdout).toMatch(/^PASS {2}token exchange:/m);
  });

  it('passes a 0600 key in a 0700 directory', async () => {
    const result = await doctor(keyFile(0o600));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PASS {2}key file permissions:/m);
  });

  it('sf-jwt token warns once on stderr about a 0644 key, with the fix, and still works', async () => {
    const result = await runCli([
      'token',
      '--client-id',
      org.clientId,
      '--username',
      org.username,
      '--key-file',
      keyFile(0o644),
      '--login-url',
      emulator.url,
    ]);
    expect(result.code).toBe(0);
    const warnings = result.stderr.match(/SF_JWT_KEY_FILE_UNPROTECTED/g) ?? [];
    expect(warnings).toHaveLength(1);
    expect(result.stderr).toMatch(
      /mode 0644: group or others may read it\. Fix: chown \d+ .* && chmod 600/,
    );
    expect(result.stderr).not.toContain('PRIVATE KEY');
  });

  it('skips the step and says why where files have no POSIX modes', () => {
    expect(checkKeyFile(keyFile(0o644), 'win32')).toMatchObject({
      status: 'skip',
      detail: expect.stringMatching(/no POSIX file modes/),
    });
  });
});
