import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestOrg } from '@sf-jwt/emulator';
import { describe, expect, it } from 'vitest';
import { runCli } from './harness.js';

const BIN = fileURLToPath(new URL('../bin/sf-jwt.mjs', import.meta.url));

/** Starts `sf-jwt emulator ...` and waits (at most 30 s) until it says how to stop. */
async function start(
  args: string[],
): Promise<{ child: ChildProcessWithoutNullStreams; stdout: string }> {
  const child = spawn(process.execPath, [BIN, 'emulator', ...args], { stdio: 'pipe' });
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${stdout}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, stdout };
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exit;
}

describe('sf-jwt emulator', () => {
  it('starts a demo org, prints a token command that works, and leaves no key on disk after it stops', async () => {
    const { child, stdout } = await start([]);
    const command = /^ {2}sf-jwt token (.+)$/m.exec(stdout)![1]!;
    expect(stdout).toMatch(/^Salesforce emulator listening on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(stdout).not.toMatch(/00D\w{12,15}!/);
    const keyFile = /--key-file (\S+)/.exec(command)![1]!;
    expect(existsSync(keyFile)).toBe(true);
    const result = await runCli(['token', ...command.split(' ')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^access_token: 00D\w+!AQ/m);
    expect(await stop(child)).toBe(0);
    expect(existsSync(keyFile)).toBe(false);
    expect(existsSync(dirname(keyFile))).toBe(false);
  });

  it('with --jwt-access-tokens, the demo org hands out a JWT-based access token that REST takes', async () => {
    const { child, stdout } = await start([
      '--jwt-access-tokens',
      '--access-token-lifetime',
      '900',
    ]);
    try {
      const command = /^ {2}sf-jwt token (.+)$/m.exec(stdout)![1]!;
      const result = await runCli(['token', ...command.split(' ')]);
      expect(result.code).toBe(0);
      const token = /^access_token: (\S+)$/m.exec(result.stdout)![1]!;
      const [header, payload] = token
        .split('.')
        .slice(0, 2)
        .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
      expect(header).toMatchObject({ alg: 'RS256', tty: 'sfdc-core-token' });
      expect(payload.exp - payload.iat).toBe(900);
      const url = /listening on (\S+)$/m.exec(stdout)![1]!;
      const limits = await fetch(`${url}/services/data/v62.0/limits`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(limits.status).toBe(200);
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('with --setup, prints how to connect for each app and user, and control endpoints that work from outside', async () => {
    const org = await createTestOrg({ usernames: ['a@example.com', 'b@example.com'] });
    const dir = await mkdtemp(join(tmpdir(), 'sf-jwt-setup-'));
    try {
      const setupFile = join(dir, 'org.json');
      const keyFile = join(dir, 'server.key');
      await writeFile(setupFile, JSON.stringify(org.setup));
      await writeFile(keyFile, org.privateKey, { mode: 0o600 });
      const { child, stdout } = await start(['--setup', setupFile]);
      const commands = [...stdout.matchAll(/^ {2}sf-jwt token (.+)$/gm)].map((match) => match[1]!);
      expect(commands).toHaveLength(2);
      expect(commands[1]).toContain('--username b@example.com');
      const url = /listening on (\S+)/.exec(stdout)![1]!;
      expect(commands[0]).toContain('--key-file <path-to-the-app-private-key>');
      const command = commands[0]!.replace('<path-to-the-app-private-key>', keyFile);
      expect((await runCli(['token', ...command.split(' ')])).code).toBe(0);
      const stats = (await (await fetch(`${url}/__emulator/stats`)).json()) as {
        tokenExchanges: number;
      };
      expect(stats.tokenExchanges).toBe(1);
      expect((await fetch(`${url}/__emulator/sessions/expire`, { method: 'POST' })).status).toBe(
        200,
      );
      expect(await stop(child)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with --tls, serves https and prints a certificate file that a client trusts through NODE_EXTRA_CA_CERTS', async () => {
    const { child, stdout } = await start(['--tls']);
    let caFile = '';
    try {
      expect(stdout).toMatch(/^Salesforce emulator listening on https:\/\/127\.0\.0\.1:\d+$/m);
      caFile = /NODE_EXTRA_CA_CERTS=(\S+)/.exec(stdout)![1]!;
      expect(existsSync(caFile)).toBe(true);
      const command = /^ {2}sf-jwt token (.+)$/m.exec(stdout)![1]!;
      // Without the certificate trusted, TLS refuses the self-signed server: core's network_error.
      const untrusted = await runCli(['token', ...command.split(' '), '--json']);
      expect(untrusted.code).toBe(1);
      expect(JSON.parse(untrusted.stdout).error.code).toBe('network_error');
      const trusted = await runCli(['token', ...command.split(' '), '--json'], {
        env: { NODE_EXTRA_CA_CERTS: caFile },
      });
      expect(trusted.code).toBe(0);
      expect(JSON.parse(trusted.stdout)).toMatchObject({ ok: true });
      expect(JSON.parse(trusted.stdout).instanceUrl).toMatch(/^https:\/\/127\.0\.0\.1:/);
    } finally {
      expect(await stop(child)).toBe(0);
    }
    expect(existsSync(caFile)).toBe(false);
  });
});
