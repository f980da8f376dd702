import { fileURLToPath } from 'node:url';
import type { UserWorkspaceConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

/**
 * Tests import sibling packages from their sources, so `pnpm test` needs no build first
 * and a change in core is seen by the adapter's tests at once.
 */
export const workspaceAliases = [
  { find: /^@sf-jwt\/emulator\/msw$/, replacement: `${packagesDir}emulator/src/msw.ts` },
  { find: /^@sf-jwt\/core\/internal$/, replacement: `${packagesDir}core/src/internal.ts` },
  { find: /^@sf-jwt\/core\/certificate$/, replacement: `${packagesDir}core/src/certificate.ts` },
  ...['core', 'emulator', 'jsforce-adapter', 'express-middleware', 'redis-store', 'cli'].map(
    (name) => ({
      find: new RegExp(`^@sf-jwt/${name}$`),
      replacement: `${packagesDir}${name}/src/index.ts`,
    }),
  ),
];

export function sharedProjectConfig(name: string): UserWorkspaceConfig {
  return {
    resolve: { alias: workspaceAliases },
    test: {
      name,
      include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
      environment: 'node',
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  };
}
