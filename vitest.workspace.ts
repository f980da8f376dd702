import { defineConfig } from 'vitest/config';

// Vitest 4 dropped workspace files: this is the root config, and each package is a project.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'packages/nestjs/vitest.nest11.config.ts',
      'test/vitest.config.ts',
    ],
  },
});
