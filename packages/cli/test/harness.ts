// Shared set-up of the CLI tests: the built binary as a subprocess, and an emulator serving a
// test org for a file's tests.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** What {@link useCliOrg} hands a test file: the org, its emulator and the key files on disk. */
export interface CliOrg {
  org: TestOrg;
  emulator: RunningEmulator;
  /** The temporary folder holding `keyFile` and `certFile`. */
  dir: string;
  keyFile: string;
  certFile: string;
  /** The CLI flags that log the org's first user in, each overridable (`''` drops a flag). */
  flags(overrides?: Record<string, string>): string[];
}

/**
 * The CLI tests' org: an integration user whose app pre-authorises the Integration User
 * profile and an unapproved user, the org's key and certificate written to a temporary folder.
 */
export function useCliOrg(): CliOrg {
  // Filled in before the file's first test (a test file reads it only inside its tests).
  const cli = {} as CliOrg;
  useTestOrg(
    { usernames: ['integration@example.com', 'unapproved@example.com'] },
    ({ org, emulator }) => {
      const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-cli-'));
      const keyFile = join(dir, 'server.key');
      const certFile = join(dir, 'server.crt');
      writeFileSync(keyFile, org.privateKey, { mode: 0o600 });
      writeFileSync(certFile, org.certificate);
      const flags = (overrides: Record<string, string> = {}) => {
        const values = {
          '--client-id': org.clientId,
          '--username': org.username,
          '--key-file': keyFile,
          '--login-url': emulator.url,
          ...overrides,
        };
        return Object.entries(values).flatMap(([flag, value]) =>
          value === '' ? [] : [flag, value],
        );
      };
      Object.assign(cli, { org, emulator, dir, keyFile, certFile, flags });
    },
    (created) => {
      created.setup.apps[0]!.profiles = ['Integration User'];
      created.setup.users[1]!.profile = 'Standard User';
    },
  );
  return cli;
}
