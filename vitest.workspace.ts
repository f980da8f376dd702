import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Vitest 4 dropped workspace files: this is the root config, and each package is a project.
export default defineConfig({
  test: {
    // At least two test files at once: the suite waits on sockets, child processes and Redis
    // failovers more than it computes, and vitest's default (cores - 1) runs one file at a time
    // on a 2-core machine like CI's (the Node 24 leg took 367 s with one worker, 247 s with two).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      'packages/*/vitest.config.ts',
      'packages/nestjs/vitest.nest11.config.ts',
      'test/vitest.config.ts',
    ],
  },
});
