import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserWorkspaceConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

/** Global setup giving each run a private TMPDIR, removed at its end (see the file). */
export const privateTmpdirSetup = fileURLToPath(
  new URL('./vitest.private-tmpdir.ts', import.meta.url),
);

/**
 * Tests import sibling packages from their sources, so `pnpm test` needs no build first
 * and a change in core is seen by the adapter's tests at once.
 */
export const workspaceAliases = [
  { find: /^@sf-jwt\/emulator\/msw$/, replacement: `${packagesDir}emulator/src/msw.ts` },
  { find: /^@sf-jwt\/core\/internal$/, replacement: `${packagesDir}core/src/internal.ts` },
  { find: /^@sf-jwt\/core\/certificate$/, replacement: `${packagesDir}core/src/certificate.ts` },
  { find: /^@sf-jwt\/core\/testing$/, replacement: `${packagesDir}core/src/testing.ts` },
  { find: /^@sf-jwt\/core\/otel$/, replacement: `${packagesDir}core/src/otel.ts` },
  ...[
    'core',
    'emulator',
    'jsforce-adapter',
    'express-middleware',
    'fastify',
    'nestjs',
    'redis-store',
    'signer-aws-kms',
    'signer-pkcs11',
    'cli',
    'pubsub',
    'pubsub-api',
  ].map((name) => ({
    find: new RegExp(`^@sf-jwt/${name}$`),
    replacement: `${packagesDir}${name}/src/index.ts`,
  })),
];

/**
 * The main leg (Node 24, `pnpm test:node24`) sets SF_JWT_JSFORCE=latest: every `jsforce` import of
 * every project then loads the newest jsforce 3, the root devDependency `jsforce-latest`. Without
 * it, projects load their own devDependency, jsforce 3.10.16 (the Node 20 compatibility leg;
 * 3.10.16 hangs on Node 24, jsforce#1806, and newer versions need Node 22).
 */
function jsforceAliases() {
  if (process.env.SF_JWT_JSFORCE !== 'latest') return [];
  const latest = dirname(createRequire(import.meta.url).resolve('jsforce-latest/package.json'));
  return [
    { find: /^jsforce$/, replacement: `${latest}/index.js` },
    { find: /^jsforce\/(.*)$/, replacement: `${latest}/$1` },
  ];
}

export function sharedProjectConfig(name: string): UserWorkspaceConfig {
  return {
    resolve: { alias: [...jsforceAliases(), ...workspaceAliases] },
    test: {
      name,
      include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
      environment: 'node',
      testTimeout: 20_000,
      hookTimeout: 20_000,
      globalSetup: [privateTmpdirSetup],
      // Type tests (`*.test-d.ts`: declaration merges, public generics) through the package's
      // tsconfig; a project without any has nothing to check. tools/test-leg.mjs runs them on
      // the main leg only (SF_JWT_TYPE_TESTS=off on the others): tsc gives the same answer
      // whichever Node runs it, and it reads each package's own jsforce types on every leg.
      typecheck: {
        enabled: process.env.SF_JWT_TYPE_TESTS !== 'off',
        include: ['test/**/*.test-d.ts'],
        tsconfig: './tsconfig.json',
      },
    },
  };
}
