import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Vitest global setup for every project: the run gets a private TMPDIR, removed when it ends.
 * Tests write generated keys to temporary folders, and none of them may outlive the run, whatever
 * a test forgets to clean up and however vitest is started (`pnpm test`, `vitest` on one file, a
 * package's own `test` script). With several projects in one run, the first setup makes the folder
 * and the others share it; its owner removes it at the end of the run.
 */
const MARK = 'SF_JWT_PRIVATE_TMPDIR';

export default function setup(): (() => void) | undefined {
  if (process.env[MARK] && process.env.TMPDIR === process.env[MARK]) return undefined;
  const folder = mkdtempSync(join(tmpdir(), 'sf-jwt-test-run-'));
  process.env.TMPDIR = folder;
  process.env[MARK] = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
