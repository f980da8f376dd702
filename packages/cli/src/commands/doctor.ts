import { checkKeyFile } from '../doctor/check-key-file.js';
import {
  type CheckResult,
  checkAudience,
  checkCertificate,
  checkClock,
  checkExchange,
  checkKey,
} from '../doctor/doctor-checks.js';
import { type ConnectionFlags, toConfig } from '../options.js';
import type { Output } from '../output.js';

const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' } as const;

/**
 * Checks a JWT Bearer setup step by step and explains the first thing to fix. Exit code 0 only
 * when nothing fails. Never prints a token.
 *
 * @example
 * ```ts
 * const code = await doctor({ clientId, username, keyFile: './server.key', cert: './server.crt' }, output, process.env);
 * ```
 */
export async function doctor(
  flags: ConnectionFlags,
  output: Output,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const results: CheckResult[] = [];
  const report = (result: CheckResult) => {
    results.push(result);
    if (output.json) return;
    output.out(`${MARK[result.status]}  ${result.step}: ${result.detail}`);
    if (result.fix && result.status !== 'pass') output.out(`      fix: ${result.fix}`);
  };
  for (const [flag, name] of [
    ['clientId', '--client-id'],
    ['username', '--username'],
  ] as const) {
    if (!flags[flag])
      report({
        step: 'options',
        status: 'fail',
        detail: `${name} is missing`,
        fix: `Pass ${name} or set SF_JWT_${flag === 'clientId' ? 'CLIENT_ID' : 'USERNAME'}.`,
      });
  }
  const config = toConfig(flags, env);
  const { result: keyResult, key } = checkKey(config);
  report(keyResult);
  report(checkKeyFile(config.privateKey === undefined ? config.privateKeyFile : undefined));
  for (const result of await checkCertificate(flags.cert, key, Date.now())) report(result);
  const audience = checkAudience(config);
  report(audience);
  let loginUrl = 'https://login.salesforce.com';
  try {
    loginUrl = new URL(
      config.loginUrl ?? (config.sandbox ? 'https://test.salesforce.com' : loginUrl),
    ).origin;
  } catch {}
  report(await checkClock(loginUrl, fetch, Date.now));
  if (
    results.some(
      (result) =>
        result.status === 'fail' && ['options', 'private key', 'audience'].includes(result.step),
    )
  ) {
    report({ step: 'token exchange', status: 'skip', detail: 'fix the failures above first' });
  } else {
    report(await checkExchange(config, key));
  }
  const ok = !results.some((result) => result.status === 'fail');
  if (output.json) output.out(JSON.stringify({ ok, checks: results }));
  else
    output.out(
      ok
        ? '\nAll checks passed.'
        : `\n${results.filter((result) => result.status === 'fail').length} check(s) failed.`,
    );
  return ok ? 0 : 1;
}
