/**
 * Requests per second of a warm route that uses req.sf, against the same route without the
 * middleware, measured in the same run with autocannon on 127.0.0.1. Each app runs in its own
 * process; rounds alternate their order and the medians are compared.
 * Run: pnpm bench:middleware   (DURATION=seconds per round, default 5)
 */
import { fileURLToPath } from 'node:url';
import { compareApps, DURATION, ROUNDS } from './compare-apps.js';

const server = fileURLToPath(new URL('./middleware-server.ts', import.meta.url));
const { medians, exchanges } = await compareApps(server, ['baseline', 'middleware', 'appWide']);
const ratio = (value: number) => (value / medians.baseline).toFixed(3);
console.log(
  `autocannon: 16 connections, ${DURATION}s per round, ${ROUNDS} rounds, order alternating (medians)`,
);
console.log(`route without middleware (baseline):      ${medians.baseline.toFixed(0)} req/s`);
console.log(`route with salesforce() on it, req.sf:    ${medians.middleware.toFixed(0)} req/s`);
console.log(
  `ratio with / without:                     ${ratio(medians.middleware)} (target >= 0.9)`,
);
console.log(
  `same, mounted app-wide with app.use():    ${medians.appWide.toFixed(0)} req/s, ratio ${ratio(medians.appWide)}`,
);
console.log(`token exchanges during the run:           ${exchanges} (one per app at warm-up)`);
