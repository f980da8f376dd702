#!/usr/bin/env node
// Builds pkcs11js's native binding (N-API, so one build serves Node 20 and 24) for
// @sf-jwt/signer-pkcs11, offline: node-gyp gets the headers of the Node running this script
// (--nodedir), never a download. pnpm does not run pkcs11js's install script (it is not in
// onlyBuiltDependencies) because node-gyp would fetch headers from the internet.
// Runs after `pnpm install` (root postinstall, with --optional: a missing compiler prints a notice)
// and from .ci/run, where a failure fails CI. Does nothing when the binding is already built.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const optional = process.argv.includes('--optional');
const root = fileURLToPath(new URL('..', import.meta.url));
const fail = (message) => {
  console[optional ? 'warn' : 'error'](`[sf-jwt] ${message}`);
  process.exit(optional ? 0 : 1);
};

let binding;
try {
  const require = createRequire(join(root, 'packages/signer-pkcs11/package.json'));
  binding = dirname(realpathSync(require.resolve('pkcs11js/package.json')));
} catch {
  fail('pkcs11js is not installed: run `pnpm install` first.');
}
if (existsSync(join(binding, 'build/Release/pkcs11.node'))) process.exit(0);

const nodedir = dirname(dirname(realpathSync(process.execPath)));
const npmRoot = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout?.trim() ?? '';
const candidates = [
  join(npmRoot, 'npm/node_modules/node-gyp/bin/node-gyp.js'),
  join(nodedir, 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
];
const nodeGyp = candidates.find((path) => existsSync(path));
if (!nodeGyp) fail('node-gyp (bundled with npm) was not found: cannot build pkcs11js.');
if (!existsSync(join(nodedir, 'include/node/node_api.h'))) {
  fail(`the Node headers are missing from ${nodedir}/include/node: cannot build pkcs11js offline.`);
}
console.log(`[sf-jwt] building pkcs11js (native PKCS#11 binding) with ${nodedir} headers`);
const result = spawnSync(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${nodedir}`], {
  cwd: binding,
  stdio: optional ? 'ignore' : 'inherit',
  timeout: 300_000,
});
if (result.status !== 0) {
  fail(
    'building pkcs11js failed (it needs make, g++ and python3): @sf-jwt/signer-pkcs11 tests will be skipped. Run `node tools/build-pkcs11js.mjs` to see why.',
  );
}
