/**
 * Requests per second of a warm route that uses req.sf, against the same route without the
 * middleware, measured in the same run with autocannon on 127.0.0.1.
 * Run: pnpm build && pnpm bench:middleware   (DURATION=seconds per round, default 5)
 */
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import { createTestOrg, startEmulator } from '../packages/emulator/src/index.js';
import { salesforce } from '../packages/express-middleware/src/index.js';

const DURATION = Number(process.env.DURATION ?? 5);
const ROUNDS = 3;

const org = await createTestOrg();
const emulator = await startEmulator({ setup: org.setup });
const config = {
  clientId: org.clientId,
  username: org.username,
  privateKey: org.privateKey,
  loginUrl: emulator.url,
};

async function serve(withMiddleware: boolean) {
  const app = express();
  if (withMiddleware) {
    app.use(salesforce(config));
    app.get('/warm', (req, res) => {
      res.json({ instanceUrl: req.sf.instanceUrl });
    });
  } else {
    app.get('/warm', (_req, res) => {
      res.json({ instanceUrl: emulator.url });
    });
  }
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/warm`;
  await fetch(url); // warm: the one token exchange happens here, not during the measurement
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function measure(url: string): Promise<number> {
  const result = await autocannon({ url, connections: 32, duration: DURATION });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

const baseline = await serve(false);
const withSf = await serve(true);
const baseRps: number[] = [];
const sfRps: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  baseRps.push(await measure(baseline.url));
  sfRps.push(await measure(withSf.url));
}
await baseline.close();
await withSf.close();
const exchanges = emulator.stats().tokenExchanges;
await emulator.stop();

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`autocannon: 32 connections, ${DURATION}s per round, ${ROUNDS} rounds (medians)`);
console.log(`route without middleware (baseline): ${median(baseRps).toFixed(0)} req/s`);
console.log(`route with salesforce() and req.sf:   ${median(sfRps).toFixed(0)} req/s`);
console.log(
  `ratio with / without:                 ${(median(sfRps) / median(baseRps)).toFixed(3)} (target >= 0.9)`,
);
console.log(`token exchanges during the run:       ${exchanges} (1 = warm-up only)`);
