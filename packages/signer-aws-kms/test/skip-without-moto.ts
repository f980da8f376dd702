import { afterAll, beforeEach } from 'vitest';
import { hasMotoServer, INSTALL_MOTO } from './moto-server.js';

/**
 * True when this file must skip: moto_server is missing and CI is not set. Each test is then
 * skipped, and one notice names them and what to install. With CI=true, startMoto() throws.
 */
export function skipWithoutMoto(file: string): boolean {
  if (/^(true|1)$/i.test(process.env.CI ?? '') || hasMotoServer()) return false;
  const skipped: string[] = [];
  beforeEach((context) => {
    skipped.push(context.task.name);
    context.skip();
  });
  afterAll(() => {
    console.warn(
      [
        `[sf-jwt] moto_server is not installed: skipped ${skipped.length} tests in ${file}:`,
        ...skipped.map((name) => `  - ${name}`),
        `To run them, ${INSTALL_MOTO}, then run \`pnpm test\` again.`,
        'CI (CI=true) requires them and fails without moto_server.',
      ].join('\n'),
    );
  });
  return true;
}
