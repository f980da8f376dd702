import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKeyPairAndCertificate, createTestOrg, startEmulator } from '@sf-jwt/emulator';
import { describe, expect, it } from 'vitest';
import { runCli, useCliOrg } from './harness.js';

const cli = useCliOrg();

describe('sf-jwt doctor', () => {
  it('passes every step against a healthy setup and never prints the token', async () => {
    const result = await runCli(['doctor', ...cli.flags(), '--cert', cli.certFile]);
    expect(result.code).toBe(0);
    for (const step of [
      'private key',
      'key matches certificate',
      'certificate validity',
      'audience',
      'clock',
      'token exchange',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^PASS  ${step}:`, 'm'));
    }
    expect(result.stdout).toContain('pin it with --audience https://login.salesforce.com');
    expect(result.stdout + result.stderr).not.toMatch(/00D\w{12,15}!/);
  });

  it.each([
    [
      'a wrong consumer key',
      () => cli.flags({ '--client-id': 'wrong-key' }),
      'token exchange',
      /Consumer Key/,
    ],
    [
      'an unapproved user',
      () => cli.flags({ '--username': 'unapproved@example.com' }),
      'token exchange',
      /profile or a permission set/,
    ],
    [
      'a production user against the sandbox audience',
      () => cli.flags({ '--audience': 'https://test.salesforce.com' }),
      'token exchange',
      /test\.salesforce\.com/,
    ],
  ])('names the failing step and its fix for %s', async (_name, args, step, fix) => {
    const result = await runCli(['doctor', ...args(), '--cert', cli.certFile]);
    expect(result.code).toBe(1);
    const line = result.stdout.split('\n').findIndex((text) => text.startsWith(`FAIL  ${step}:`));
    expect(line).toBeGreaterThanOrEqual(0);
    expect(result.stdout.split('\n')[line + 1]).toMatch(fix);
  });

  it('names the failing step and its fix for a sandbox user against the login audience', async () => {
    const sandbox = await createTestOrg({ sandbox: true });
    const server = await startEmulator({ setup: sandbox.setup });
    const sandboxKey = join(cli.dir, 'sandbox.key');
    writeFileSync(sandboxKey, sandbox.privateKey, { mode: 0o600 });
    try {
      const base = [
        'doctor',
        '--client-id',
        sandbox.clientId,
        '--username',
        sandbox.username,
        '--key-file',
        sandboxKey,
        '--login-url',
        server.url,
      ];
      const result = await runCli(base);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /^FAIL {2}token exchange: invalid_audience \(400 invalid_grant: audience is invalid\)/m,
      );
      expect(result.stdout).toMatch(
        /fix: Use https:\/\/test\.salesforce\.com for sandboxes \(sandbox: true\)/,
      );
      expect((await runCli([...base, '--sandbox'])).code).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('names the failing step for a key that does not match the certificate', async () => {
    const other = await createKeyPairAndCertificate();
    const otherCert = join(cli.dir, 'other.crt');
    writeFileSync(otherCert, other.certificate);
    const result = await runCli(['doctor', ...cli.flags(), '--cert', otherCert]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}key matches certificate:/m);
    expect(result.stdout).toMatch(/fix: Upload the certificate made with this key/);
  });

  it('names the failing step for an expired certificate', async () => {
    const expired = await createKeyPairAndCertificate({
      notBefore: new Date(Date.now() - 400 * 86_400_000),
      days: 365,
    });
    const expiredKey = join(cli.dir, 'expired.key');
    const expiredCert = join(cli.dir, 'expired.crt');
    writeFileSync(expiredKey, expired.privateKey, { mode: 0o600 });
    writeFileSync(expiredCert, expired.certificate);
    const result = await runCli([
      'doctor',
      ...cli.flags({ '--key-file': expiredKey }),
      '--cert',
      expiredCert,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}certificate validity: expired/m);
  });

  it('names the failing step for a skewed clock', async () => {
    const skewed = await createTestOrg({ extra: { clockOffsetMs: 15 * 60_000 } });
    const server = await startEmulator({ setup: skewed.setup });
    const skewedKey = join(cli.dir, 'skewed.key');
    writeFileSync(skewedKey, skewed.privateKey, { mode: 0o600 });
    try {
      const result = await runCli([
        'doctor',
        '--client-id',
        skewed.clientId,
        '--username',
        skewed.username,
        '--key-file',
        skewedKey,
        '--login-url',
        server.url,
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^FAIL {2}clock: this machine is (89|90)\d s behind/m);
      expect(result.stdout).toMatch(/fix: Synchronise the clock/);
      expect(result.stdout).toMatch(/^FAIL {2}token exchange: clock_skew/m);
    } finally {
      await server.stop();
    }
  });

  it('reports which audience an External Client App accepts and how to pin it', async () => {
    const eca = await createTestOrg({ kind: 'external-client-app' });
    const server = await startEmulator({ setup: eca.setup });
    const ecaKey = join(cli.dir, 'eca.key');
    writeFileSync(ecaKey, eca.privateKey, { mode: 0o600 });
    const base = [
      'doctor',
      '--client-id',
      eca.clientId,
      '--username',
      eca.username,
      '--key-file',
      ecaKey,
      '--login-url',
      server.url,
    ];
    try {
      const legacy = await runCli(base);
      expect(legacy.code).toBe(1);
      expect(legacy.stdout).toMatch(/^FAIL {2}token exchange: app_not_found/m);
      expect(legacy.stdout).toMatch(/fix: .*My Domain/);
      const pinned = await runCli([...base, '--audience', 'my-domain']);
      expect(pinned.code).toBe(0);
      expect(pinned.stdout).toContain(
        `the app accepts audience ${server.url} (pin it with --audience my-domain, in code \`audience: 'my-domain'\``,
      );
    } finally {
      await server.stop();
    }
  });

  it('reports in JSON with --json', async () => {
    const result = await runCli(['--json', 'doctor', ...cli.flags()]);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.checks.map((check: { step: string }) => check.step)).toContain('token exchange');
  });
});
