import { afterAll, beforeEach } from 'vitest';

/** A program or library some tests need, and what to tell whoever does not have it. */
export interface Prerequisite {
  /** Its name in the notice, e.g. `moto_server`. */
  name: string;
  /** How to get it, e.g. "install moto's server (`pip install 'moto[server]'`)". */
  install: string;
  /** Whether it is here. */
  available(): boolean;
}

/**
 * True when this test file must skip: `prerequisite` is not available and CI is not set. Each test
 * is then skipped, and after the file one notice on stderr names them and what to install. With
 * CI=true nothing is skipped (the harness that starts the program throws), because CI must run
 * them. Call once at the top level of a test file, before its hooks.
 *
 * @example
 * ```ts
 * const skip = skipWithout(MOTO, 'packages/signer-aws-kms/test/kms-end-to-end.test.ts');
 * beforeAll(async () => { if (skip) return; moto = await startMoto(); });
 * ```
 */
export function skipWithout(prerequisite: Prerequisite, file: string): boolean {
  if (/^(true|1)$/i.test(process.env.CI ?? '') || prerequisite.available()) return false;
  const skipped: string[] = [];
  beforeEach((context) => {
    skipped.push(context.task.name);
    context.skip();
  });
  afterAll(() => {
    console.warn(
      [
        `[sf-jwt] ${prerequisite.name} is not usable here: skipped ${skipped.length} tests in ${file}:`,
        ...skipped.map((name) => `  - ${name}`),
        `To run them, ${prerequisite.install}, then run \`pnpm test\` again.`,
        `CI (CI=true) requires them and fails without ${prerequisite.name}.`,
      ].join('\n'),
    );
  });
  return true;
}
