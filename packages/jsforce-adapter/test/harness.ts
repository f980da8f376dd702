import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type JwtBearerConfig, JwtBearerStrategy } from '@sf-jwt/core';
import {
  createTestOrg,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
  type TestOrg,
  type TestOrgOptions,
} from '@sf-jwt/emulator';
import { afterEach } from 'vitest';

export interface Org {
  org: TestOrg;
  emulator: RunningEmulator;
  strategy(overrides?: Partial<JwtBearerConfig>): JwtBearerStrategy;
  exchanges(): number;
  /** The integration user's key, written to a temporary file (mode 0600) for this run. */
  keyFile: string;
  /** A config as a codebase writes it: consumer key, username, key file, login URL. */
  config(): JwtBearerConfig;
  /** The same, as the SF_* environment variables the examples read. */
  env(): Record<string, string>;
}

/**
 * A test org on a real emulator server, and strategies for its integration user; `emulatorOptions`
 * go to the server (e.g. `apexRest: 'echo'`).
 */
export async function startOrg(
  options: TestOrgOptions = {},
  emulatorOptions: Omit<StartEmulatorOptions, 'setup'> = {},
): Promise<Org> {
  const org = await createTestOrg({
    records: {
      Account: Array.from({ length: 7 }, (_, index) => ({ Name: `Account ${index}` })),
    },
    extra: { queryBatchSize: 3 },
    ...options,
  });
  const emulator = await startEmulator({ ...emulatorOptions, setup: org.setup });
  const keyFile = join(mkdtempSync(join(tmpdir(), 'sf-jwt-adapter-')), 'server.key');
  writeFileSync(keyFile, org.privateKey, { mode: 0o600 });
  return {
    org,
    emulator,
    strategy: (overrides = {}) =>
      new JwtBearerStrategy({
        clientId: org.clientId,
        username: org.username,
        privateKey: org.privateKey,
        loginUrl: emulator.url,
        ...overrides,
      }),
    exchanges: () => emulator.stats().tokenExchanges,
    keyFile,
    config: () => ({
      clientId: org.clientId,
      username: org.username,
      privateKeyFile: keyFile,
      loginUrl: emulator.url,
    }),
    env: () => ({
      SF_CLIENT_ID: org.clientId,
      SF_USERNAME: org.username,
      SF_PRIVATE_KEY_FILE: keyFile,
      SF_LOGIN_URL: emulator.url,
    }),
  };
}

/** The error `run` fails with; a run that succeeds fails the test. */
export async function caught(run: () => PromiseLike<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/**
 * The orgs of a Streaming test file: `org()` starts one with `channel` created; each is stopped
 * after the test that started it, unless the test takes it out of `running` to stop it itself.
 */
export function streamingOrgs(channel: string) {
  const running: Array<{ stop(): unknown }> = [];
  afterEach(async () => {
    for (const item of running.splice(0)) await item.stop();
  });
  const org = async (): Promise<Org> => {
    const env = await startOrg();
    running.push(env.emulator);
    env.emulator.createChannel(channel);
    return env;
  };
  return { org, running };
}

/** Waits until the condition holds, polling every 10 ms, at most `limitMs` (monotonic). */
export async function until(condition: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${limitMs} ms`);
    await sleep(10);
  }
}
