import { execFileSync } from 'node:child_process';
import { afterAll, beforeEach } from 'vitest';
import { INSTALL_REDIS } from './redis-server.js';

/**
 * True when this test file must skip its tests: redis-server is not on PATH and CI is not set.
 * Then every test of the file is skipped (reported as skipped) and, after the file, one notice on
 * stderr names them and says how to run them. With CI=true nothing is skipped: `startRedis()`
 * throws, so the file fails, because CI must run these tests.
 * Call once at the top level of a test file, before its hooks.
 */
export function skipWithoutRedisServer(binaries: string[] = ['redis-server']): boolean {
  const missing = binaries.filter((binary) => !installed(binary));
  if (/^(true|1)$/i.test(process.env.CI ?? '') || missing.length === 0) return false;
  const skipped: string[] = [];
  let file = '';
  beforeEach((context) => {
    file = `packages/redis-store/${context.task.file.name}`;
    const suite = context.task.suite?.name;
    skipped.push(suite ? `${suite} > ${context.task.name}` : context.task.name);
    context.skip();
  });
  afterAll(() => {
    console.warn(
      [
        `[sf-jwt] ${missing.join(', ')} not installed: skipped ${skipped.length} tests in ${file}:`,
        ...skipped.map((name) => `  - ${name}`),
        `To run them, ${INSTALL_REDIS}, then run \`pnpm test\` again.`,
        `CI (CI=true) requires them and fails without ${missing.join(', ')}.`,
      ].join('\n'),
    );
  });
  return true;
}

function installed(binary: string): boolean {
  try {
    execFileSync(binary, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
