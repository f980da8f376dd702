import { defineConfig } from 'vitest/config';
import { sharedProjectConfig } from './vitest.shared.js';

// `pnpm test:live` only: the short suite against a real org (test/live). Not part of `pnpm test`.
const config = sharedProjectConfig('live');

export default defineConfig({
  ...config,
  test: { ...config.test, include: ['test/live/**/*.test.ts'], testTimeout: 60_000 },
});
