import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.js';

// The Node 24 leg runs these tests against the newest jsforce 3 too (devDependency
// `jsforce-latest`): SF_JWT_JSFORCE=latest points every `jsforce` import at it.
const config = sharedProjectConfig('emulator');
if (process.env.SF_JWT_JSFORCE === 'latest') {
  const latest = dirname(createRequire(import.meta.url).resolve('jsforce-latest/package.json'));
  config.resolve = {
    alias: [
      { find: /^jsforce$/, replacement: `${latest}/index.js` },
      { find: /^jsforce\/(.*)$/, replacement: `${latest}/$1` },
      ...((config.resolve?.alias ?? []) as []),
    ],
  };
}

export default defineProject(config);
