import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { JwtBearerStrategy } from '@sf-jwt/core';
import { createConnection } from '@sf-jwt/jsforce-adapter';
import { describe, expect, it } from 'vitest';
import { LIVE_VARIABLES, liveConfig, missingLiveVariables, revokeToken } from './live-config.js';

// `pnpm test:live`: a short suite against a real org, named by the SF_JWT_* variables (the same
// ones as the CLI). Without them every test is skipped, with a notice saying what to set.
// CI runs it against the emulator: tools/live-against-emulator.mjs sets the variables.
const missing = missingLiveVariables(process.env);
if (missing.length > 0) {
  console.warn(
    [
      `[sf-jwt] live suite skipped: ${missing.join(', ')} not set.`,
      `To run it against your org, set ${LIVE_VARIABLES.required.join(', ')}`,
      `(optionally ${LIVE_VARIABLES.optional.join(', ')}) and run \`pnpm test:live\`.`,
      'It gets a token, queries the integration user, revokes that token and checks the next',
      'query heals with one new exchange, then runs `sf-jwt doctor`.',
    ].join('\n'),
  );
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const username = process.env.SF_JWT_USERNAME ?? '';
const userQuery = `SELECT Id, Username FROM User WHERE Username = '${username.replace(/['\\]/g, '\\$&')}'`;

function exchangeCounter(strategy: JwtBearerStrategy) {
  let exchanges = 0;
  strategy.on('token', (event) => {
    if (event.source === 'exchange') exchanges += 1;
  });
  return () => exchanges;
}

describe.skipIf(missing.length > 0)('against the org named by SF_JWT_*', () => {
  it('gets a token for the integration user', async () => {
    const token = await new JwtBearerStrategy(liveConfig(process.env)).getToken();
    expect(token.accessToken.length).toBeGreaterThan(20);
    expect(new URL(token.instanceUrl).protocol).toMatch(/^https?:$/);
    expect(token.organizationId).toMatch(/^00D/);
    expect(token.userId).toMatch(/^005/);
  });

  it('queries the integration user through the jsforce adapter', async () => {
    const conn = await createConnection(new JwtBearerStrategy(liveConfig(process.env)));
    const result = await conn.query<{ Username: string }>(userQuery);
    expect(result.totalSize).toBe(1);
    expect(result.records[0]!.Username.toLowerCase()).toBe(username.toLowerCase());
  });

  it('heals with one new exchange after the token is revoked', async () => {
    const strategy = new JwtBearerStrategy(liveConfig(process.env));
    const exchanges = exchangeCounter(strategy);
    const conn = await createConnection(strategy);
    await conn.query(userQuery);
    const revoked = conn.accessToken as string;
    expect(await revokeToken(conn.instanceUrl, revoked)).toBe(200);

    const after = await conn.query(userQuery);
    expect(after.totalSize).toBe(1);
    expect(conn.accessToken).not.toBe(revoked);
    expect(exchanges()).toBe(2);
  });

  it('passes sf-jwt doctor', async () => {
    // tools/sf-jwt.mjs is `pnpm sf-jwt`: it builds the CLI first when its dist is missing or stale.
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ['tools/sf-jwt.mjs', '--json', 'doctor'],
        { cwd: root, env: process.env, timeout: 240_000 },
        (error, out) =>
          resolve({
            code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
            stdout: out,
          }),
      );
    });
    const report = JSON.parse(stdout) as {
      ok: boolean;
      checks: Array<{ step: string; status: string }>;
    };
    expect(report.checks.filter((check) => check.status === 'fail')).toEqual([]);
    expect(report.checks.find((check) => check.step === 'token exchange')?.status).toBe('pass');
    expect(report.ok).toBe(true);
    expect(code).toBe(0);
  }, 300_000);
});
