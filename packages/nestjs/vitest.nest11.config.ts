import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.js';

/**
 * The NestJS tests again, on Nest 11 (the peer range is `^11 || ^12`; the `nestjs` project runs
 * Nest 12). tools/nest11 installs Nest 11 in a folder of its own, so pnpm links each of its
 * packages to Nest 11 peers; every `@nestjs/*` import of the tests and of the sources is aliased
 * there. Node loads those packages natively, so their own imports of each other stay on Nest 11.
 */
const nest11 = fileURLToPath(new URL('../../tools/nest11/node_modules/@nestjs/', import.meta.url));
const NEST_PACKAGES = [
  'common',
  'core',
  'passport',
  'platform-express',
  'platform-fastify',
  'schedule',
  'testing',
];

const config = sharedProjectConfig('nestjs-nest11');

export default defineProject({
  ...config,
  resolve: {
    alias: [
      ...NEST_PACKAGES.map((name) => ({
        find: new RegExp(`^@nestjs/${name}(/.*)?$`),
        replacement: `${realpathSync(`${nest11}${name}`)}$1`,
      })),
      ...((config.resolve?.alias ?? []) as { find: RegExp; replacement: string }[]),
    ],
  },
  test: {
    ...config.test,
    dir: fileURLToPath(new URL('..', import.meta.url)),
    include: ['nestjs/test/**/*.test.ts', 'express-middleware/test/nestjs.test.ts'],
    env: { SF_JWT_NEST_MAJOR: '11' },
  },
});
