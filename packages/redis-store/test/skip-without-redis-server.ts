import { afterAll, beforeEach } from 'vitest';
import { hasRedisServer, INSTALL_REDIS } from './redis-server.js';

/**
 * True when this test file must skip its tests: redis-server is not on PATH and CI is not set.
 * Then every test of the file is skipped (reported as skipped) and, after the file, one notice on
 * stderr names them and says how to run them. With CI=true nothing is skipped: `startRedis()`
 * throws, so the file fails, because CI must run these tests.
 * Call once at the top level of a test file, before its hooks.
 */
export function skipWithoutRedisServer(): boolean {
  if (/^(true|1)$/i.test(process.env.CI ?? '') || hasRedisServer()) return false;
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
        `[sf-jwt] redis-server is not installed: skipped ${skipped.length} tests in ${file}:`,
        ...skipped.map((name) => `  - ${name}`),
        `To run them, ${INSTALL_REDIS}, then run \`pnpm test\` again.`,
        'CI (CI=true) requires them and fails without redis-server.',
      ].join('\n'),
    );
  });
  return true;
}
