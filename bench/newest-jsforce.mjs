// A module hook for benches on the main leg (Node 24, the newest jsforce 3): every import that
// resolves into the workspace's jsforce 3.10.16 (the adapter's devDependency) loads the same
// file of the root devDependency `jsforce-latest` instead, as vitest's aliases do for the tests
// (vitest.shared.ts). Loaded by bench/on-leg.mjs after tsx.
import { realpathSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);
const pinned = pathToFileURL(
  `${realpathSync(new URL('packages/jsforce-adapter/node_modules/jsforce', root))}/`,
).href;
const newest = pathToFileURL(
  `${dirname(createRequire(root).resolve('jsforce-latest/package.json'))}/`,
).href;

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      return resolved.url.startsWith(${JSON.stringify(pinned)})
        ? { ...resolved, url: ${JSON.stringify(newest)} + resolved.url.slice(${pinned.length}) }
        : resolved;
    }
  `)}`,
);
