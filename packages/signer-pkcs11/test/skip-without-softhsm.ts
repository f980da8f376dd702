import { afterAll, beforeEach } from 'vitest';
import { hasSoftHsm, INSTALL_SOFTHSM } from './softhsm.js';

/**
 * True when this file must skip: SoftHSM2 or the binding is missing and CI is not set. Each test is
 * then skipped and one notice names them and what to install. With CI=true, initToken() throws.
 */
export function skipWithoutSoftHsm(file: string): boolean {
  if (/^(true|1)$/i.test(process.env.CI ?? '') || hasSoftHsm()) return false;
  const skipped: string[] = [];
  beforeEach((context) => {
    skipped.push(context.task.name);
    context.skip();
  });
  afterAll(() => {
    console.warn(
      [
        `[sf-jwt] SoftHSM2 is not usable: skipped ${skipped.length} tests in ${file}:`,
        ...skipped.map((name) => `  - ${name}`),
        `To run them, ${INSTALL_SOFTHSM}, then run \`pnpm test\` again.`,
        'CI (CI=true) requires them and fails without SoftHSM2.',
      ].join('\n'),
    );
  });
  return true;
}
