import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../vitest.shared.js';

const config = sharedProjectConfig('repository');

// Tests that span packages: the READMEs' snippets and API sections. test/live has its own config.
export default defineProject({
  ...config,
  test: { ...config.test, include: ['*.test.ts'], testTimeout: 120_000 },
});
