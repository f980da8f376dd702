import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const BIN = fileURLToPath(new URL('../bin/sf-jwt.mjs', import.meta.url));

describe('sf-jwt emulator', () => {
  it('starts a demo org and prints a token command that works against it, then stops cleanly', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const command = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no token command printed: ${stdout}`)),
        30_000,
      );
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const line = /^ {2}sf-jwt token (.+)$/m.exec(stdout)?.[1];
        if (line) {
          clearTimeout(timer);
          resolve(line);
        }
      });
    });
    expect(stdout).toMatch(/^Salesforce emulator listening on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(stdout).not.toMatch(/00D\w{12,15}!/);
    const result = await runCli(['token', ...command.split(' ')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^access_token: 00D\w+!AQ/m);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
