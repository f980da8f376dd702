#!/usr/bin/env node
// `pnpm sf-jwt <command>`: the sf-jwt CLI from a clone of this repository, before (or instead of)
// `npx @sf-jwt/cli <command>`. Builds the CLI and the packages it uses when their dist is missing
// or older than their sources (build output goes to stderr, so `--json` stays clean on stdout),
// then runs the CLI in the directory pnpm was called from, so relative paths mean what you typed.
// Tip: `pnpm -s sf-jwt ...` also keeps pnpm's own "> sf-jwt ..." lines out of stdout.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = ['core', 'emulator', 'cli'].map((name) => join(root, 'packages', name));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

const stale = packages.some((dir) => {
  const built = join(dir, 'dist', 'index.js');
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newestSource(join(dir, 'src')),
    statSync(join(dir, 'package.json')).mtimeMs,
  );
  return sources > statSync(built).mtimeMs;
});

if (stale) {
  console.error(
    '[sf-jwt] building @sf-jwt/cli and the packages it uses (first run or changed sources)...',
  );
  const build = spawnSync('pnpm', ['--filter', '@sf-jwt/cli...', 'run', 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) {
    console.error(
      '[sf-jwt] the build failed: run `pnpm install`, then `pnpm build`, and try again.',
    );
    process.exit(build.status ?? 1);
  }
}

if (process.env.INIT_CWD && existsSync(process.env.INIT_CWD)) process.chdir(process.env.INIT_CWD);
await import(pathToFileURL(join(root, 'packages', 'cli', 'bin', 'sf-jwt.mjs')).href);
