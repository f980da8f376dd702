import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/sf-jwt.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** Runs the built `sf-jwt` binary as a subprocess. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(DIST)) {
    throw new Error(
      'packages/cli/dist is missing: run `pnpm build` before the CLI tests (CI builds first).',
    );
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, env: { PATH: process.env.PATH, ...options.env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
