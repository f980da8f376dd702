import { defineProject } from 'vitest/config';
import { privateTmpdirSetup, workspaceAliases } from '../../vitest.shared.js';

/** The real Salesforce CLI against the emulator, as its own step (`pnpm test:sf-cli`). */
export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'emulator-sf-cli',
    root: import.meta.dirname,
    include: ['test/salesforce-cli.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    globalSetup: [privateTmpdirSetup],
  },
});
