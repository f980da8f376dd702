// Shared set-up of the CLI tests: the built binary as a subprocess, and an emulator serving a
// test org for a file's tests.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '@sf-jwt/emulator';
import { afterAll, beforeAll } from 'vitest';

export type { RunningEmulator, TestOrg } from '@sf-jwt/emulator';

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

/**
 * Starts an emulator serving a test org (`options`, changed by `prepare` before it is served)
 * before this file's tests, hands both to `onStarted`, and stops the emulator after the tests.
 */
export function useTestOrg(
  options: Parameters<typeof createTestOrg>[0],
  onStarted: (started: { org: TestOrg; emulator: RunningEmulator }) => void,
  prepare: (org: TestOrg) => void = () => {},
): void {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    const org = await createTestOrg(options);
    prepare(org);
    emulator = await startEmulator({ setup: org.setup });
    onStarted({ org, emulator });
  });
  afterAll(() => emulator?.stop());
}
