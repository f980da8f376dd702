import { Connection } from 'jsforce';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll } from 'vitest';
import {
  type RunningEmulator,
  type RunningTestOrg,
  type StartTestOrgOptions,
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
