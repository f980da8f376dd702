import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './harness.js';

const VICTIM = "another user's file\n";

function planted(name: 'server.key' | 'server.crt') {
  const out = mkdtempSync(join(tmpdir(), 'sf-jwt-keygen-link-'));
  const elsewhere = mkdtempSync(join(tmpdir(), 'sf-jwt-victim-'));
  const victim = join(elsewhere, 'authorized_keys');
  writeFileSync(victim, VICTIM, { mode: 0o644 });
  symlinkSync(victim, join(out, name));
  return { out, victim };
}

describe('sf-jwt keygen over a planted symlink', () => {
  it.each([
    ['server.key', ['--force']],
    ['server.key', []],
    ['server.crt', ['--force']],
  ] as const)(
    'refuses a link at %s (flags %j) and writes nothing through it',
    async (name, extra) => {
      const { out, victim } = planted(name);
      const result = await runCli(['keygen', '--out', out, ...extra]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/symbolic link; nothing was written/);
      expect(result.stderr).toMatch(/^ {2}fix: remove the link/m);
      expect(readFileSync(victim, 'utf8')).toBe(VICTIM);
      // Neither file, nor a temporary one, was left next to the link.
      expect(readdirSync(out)).toEqual([name]);
    },
  );

  it('replaces a regular file with --force through a new file renamed into place', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sf-jwt-keygen-force-'));
    expect((await runCli(['keygen', '--out', out])).code).toBe(0);
    const first = readFileSync(join(out, 'server.key'), 'utf8');
    expect((await runCli(['keygen', '--out', out, '--force'])).code).toBe(0);
    expect(readFileSync(join(out, 'server.key'), 'utf8')).not.toBe(first);
    expect(readdirSync(out).sort()).toEqual(['server.crt', 'server.key']);
  });
});
