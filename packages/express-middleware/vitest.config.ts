import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.js';

const config = sharedProjectConfig('express-middleware');

export default defineProject({
  ...config,
  test: {
    ...config.test,
    // The type test proves `req.sf` is typed for users, through the package's own declarations.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
