import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.js';

// test/request-sf.test-d.ts proves `req.sf` is typed for users (type tests: vitest.shared.ts).
export default defineProject(sharedProjectConfig('express-middleware'));
