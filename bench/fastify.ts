/**
 * Requests per second of a warm Fastify route that uses request.sf (salesforcePlugin), against
 * the same route without the plugin, measured in the same run with autocannon on 127.0.0.1. Each
 * app runs in its own process; rounds alternate their order and the medians are compared.
 * Run: pnpm bench:fastify   (DURATION=seconds per round, default 5)
 */
import { fileURLToPath } from 'node:url';
import { compareApps, DURATION, ROUNDS } from './compare-apps.js';

const server = fileURLToPath(new URL('./fastify-server.ts', import.meta.url));
const { medians, exchanges } = await compareApps(server, ['baseline', 'plugin', 'emptyHook']);
const ratio = (value: number) => (value / medians.baseline).toFixed(3);
console.log(
  `autocannon: 16 connections, ${DURATION}s per round, ${ROUNDS} rounds, order alternating (medians)`,
);
console.log(`route without the plugin (baseline):    ${medians.baseline.toFixed(0)} req/s`);
console.log(`route with salesforcePlugin, request.sf: ${medians.plugin.toFixed(0)} req/s`);
console.log(`ratio with / without:                   ${ratio(medians.plugin)} (target >= 0.9)`);
console.log(
  `same bare route with one empty preHandler hook: ${medians.emptyHook.toFixed(0)} req/s, ratio ${ratio(medians.emptyHook)} (the cost of any hook)`,
);
console.log(`token exchanges during the run:         ${exchanges} (one per app at warm-up)`);
