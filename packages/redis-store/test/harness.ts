// Shared set-up of the redis-store tests: a real redis-server and the emulator as a real HTTP
// server, started before a file's tests and stopped after them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestOrg,
  type RunningEmulator,
  startEmulator,
  type TestOrg,
  type TestOrgOptions,
} from '@sf-jwt/emulator';
import { afterAll, beforeAll } from 'vitest';
import { type RedisServer, startRedis } from './redis-server.js';
import { skipWithoutRedisServer } from './skip-without-redis-server.js';

/** What {@link useRedisAndOrg} started for a test file. */
export interface Started {
  redis: RedisServer;
  org: TestOrg;
  emulator: RunningEmulator;
  /** The org's private key in a 0600 file, for child processes (with `keyFilePrefix`). */
  keyFile: string;
}

/**
 * Starts redis-server and an emulator serving a test org before this file's tests (handing them
 * to `onStarted`) and stops them after. Returns true when redis-server is missing: the file's
 * tests are then skipped with a notice (CI=true requires them, see skip-without-redis-server.ts).
 * Call once at the top level of a test file, before its own hooks.
 *
 * @example
 * let { redis, org, emulator } = {} as Started;
 * const redisMissing = useRedisAndOrg({}, (started) => ({ redis, org, emulator } = started));
 */
export function useRedisAndOrg(
  options: { org?: TestOrgOptions; now?: () => number; keyFilePrefix?: string },
  onStarted: (started: Started) => void,
): boolean {
  const redisMissing = skipWithoutRedisServer();
  let started: Partial<Started> = {};
  beforeAll(async () => {
    if (redisMissing) return;
    const redis = await startRedis();
    started.redis = redis;
    const org = await createTestOrg(options.org);
    const emulator = await startEmulator({
      setup: org.setup,
      ...(options.now ? { now: options.now } : {}),
    });
    started = { redis, org, emulator, keyFile: '' };
    if (options.keyFilePrefix) {
      started.keyFile = join(mkdtempSync(join(tmpdir(), options.keyFilePrefix)), 'server.key');
      writeFileSync(started.keyFile, org.privateKey, { mode: 0o600 });
    }
    onStarted(started as Started);
  }, 30_000);
  afterAll(async () => {
    await started.emulator?.stop();
    await started.redis?.stop();
  });
  return redisMissing;
}

/** The config of the org's user (its first by default), logging in at the emulator. */
export function orgConfig(
  { org, emulator }: Pick<Started, 'org' | 'emulator'>,
  username = org.username,
): { clientId: string; username: string; privateKey: string; loginUrl: string } {
  return { clientId: org.clientId, username, privateKey: org.privateKey, loginUrl: emulator.url };
}

/** A fleet child's environment: the Redis, the org's app and first user, its key file, the emulator. */
export function childEnvOf(started: Started): Record<string, string> {
  const { redis, org, emulator, keyFile } = started;
  return {
    REDIS_URL: redis.url,
    CLIENT_ID: org.clientId,
    USERNAME: org.username,
    KEY_FILE: keyFile,
    LOGIN_URL: emulator.url,
  };
}

/** A RedisTokenStore logger that drops warnings (the tests provoke them on purpose). */
export const quiet = { warn: () => {} };
