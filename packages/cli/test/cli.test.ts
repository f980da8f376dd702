import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useCliOrg } from './harness.js';

const cli = useCliOrg();

describe('sf-jwt keygen', () => {
  it('writes a matching key (0600) and certificate, and never overwrites without --force', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sf-jwt-keygen-'));
    const first = await runCli(['keygen', '--out', out, '--cn', 'test-app', '--days', '30']);
    expect(first.code).toBe(0);
    const key = readFileSync(join(out, 'server.key'), 'utf8');
    const certificate = new X509Certificate(readFileSync(join(out, 'server.crt')));
    expect(statSync(join(out, 'server.key')).mode & 0o777).toBe(0o600);
    expect(key).toContain('-----BEGIN PRIVATE KEY-----');
    expect(certificate.subject).toContain('CN=test-app');
    expect(certificate.publicKey.export({ type: 'spki', format: 'pem' })).toBe(
      createPublicKey(createPrivateKey(key)).export({ type: 'spki', format: 'pem' }),
    );
    const again = await runCli(['keygen', '--out', out]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(join(out, 'server.key'), 'utf8')).toBe(key);
    expect((await runCli(['keygen', '--out', out, '--force'])).code).toBe(0);
    expect(readFileSync(join(out, 'server.key'), 'utf8')).not.toBe(key);
  });
});

describe('sf-jwt token', () => {
  it('prints the access token and instance URL, and JSON with --json', async () => {
    const before = cli.emulator.stats().tokenExchanges;
    const plain = await runCli(['token', ...cli.flags()]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^access_token: 00D\w+!AQ/m);
    expect(plain.stdout).toContain(`instance_url: ${cli.emulator.url}`);
    const json = await runCli(['--json', 'token', ...cli.flags()]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, instanceUrl: cli.emulator.url });
    expect(cli.emulator.stats().tokenExchanges).toBe(before + 2);
  });

  it('reads its options from SF_JWT_* variables, the key from SF_JWT_PRIVATE_KEY', async () => {
    const result = await runCli(['token'], {
      env: {
        SF_JWT_CLIENT_ID: cli.org.clientId,
        SF_JWT_USERNAME: cli.org.username,
        SF_JWT_LOGIN_URL: cli.emulator.url,
        SF_JWT_PRIVATE_KEY: cli.org.privateKey.replace(/\n/g, '\\n'),
      },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('access_token: ');
  });

  it('fails with one line and the fix, and prints no secret', async () => {
    const result = await runCli(['token', ...cli.flags({ '--client-id': 'wrong-key' })]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error invalid_client_id: /m);
    expect(result.stderr).toMatch(/^ {2}fix: .*Consumer Key/m);
    expect(result.stdout + result.stderr).not.toContain('PRIVATE KEY');
  });
});
