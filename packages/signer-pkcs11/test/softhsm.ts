import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandRuns } from '../../../test/support/command-runs.js';

/** How to get SoftHSM2 and the pkcs11js binding. */
export const INSTALL_SOFTHSM =
  'install SoftHSM2 (`sudo apt-get install -y softhsm2`) and build the pkcs11js binding (`node tools/build-pkcs11js.mjs`, run by `pnpm install`)';

const LIBRARIES = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
  '/opt/homebrew/lib/softhsm/libsofthsm2.so',
];

/** The SoftHSM2 PKCS#11 module, when installed. */
export const softHsmLibrary = LIBRARIES.find((path) => existsSync(path));

function hasBinding(): boolean {
  try {
    createRequire(import.meta.url)('pkcs11js');
    return true;
  } catch {
    return false;
  }
}

/** Whether SoftHSM2 (`softhsm2-util` and its module) and the pkcs11js binding are here. */
export function hasSoftHsm(): boolean {
  return !!softHsmLibrary && hasBinding() && commandRuns('softhsm2-util', ['--version']);
}

/** SoftHSM2 and the binding as a prerequisite of a test file (`skipWithout` of test/support/skip-without.ts). */
export const SOFTHSM = { name: 'SoftHSM2', install: INSTALL_SOFTHSM, available: hasSoftHsm };

export const PIN = '1234';

/**
 * A fresh SoftHSM2 token store for this test file: its own config (SOFTHSM2_CONF, read when the
 * module is initialised) and one token, initialised with `softhsm2-util`.
 */
export function initToken(label: string): { tokenDir: string; library: string } {
  if (!hasSoftHsm() || !softHsmLibrary) {
    throw new Error(`SoftHSM2 is not usable here: ${INSTALL_SOFTHSM} (.ci/run does both).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-softhsm-'));
  const tokenDir = join(dir, 'tokens');
  mkdirSync(tokenDir);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(
    conf,
    `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );
  process.env.SOFTHSM2_CONF = conf;
  execFileSync(
    'softhsm2-util',
    ['--init-token', '--free', '--label', label, '--pin', PIN, '--so-pin', '5678'],
    { env: { ...process.env, SOFTHSM2_CONF: conf }, stdio: 'ignore' },
  );
  return { tokenDir, library: softHsmLibrary };
}
