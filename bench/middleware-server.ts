/**
 * The two apps bench/middleware.ts loads, run in their own process so the load generator does not
 * share their event loop. Prints their URLs as one JSON line once both are warm.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { salesforce } from '../packages/express-middleware/src/index.js';

const config = JSON.parse(process.env.BENCH_CONFIG ?? '{}');

async function listen(app: express.Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/warm`;
  await fetch(url); // warm: the one token exchange happens here, not during the measurement
  return url;
}

const bare = express();
bare.get('/warm', (_req, res) => {
  res.json({ instanceUrl: config.loginUrl });
});
const withSf = express();
withSf.get('/warm', salesforce(config), (req, res) => {
  res.json({ instanceUrl: req.sf.instanceUrl });
});

// The same middleware mounted app-wide: Express dispatches one more router layer per request.
const appWide = express();
appWide.use(salesforce(config));
appWide.get('/warm', (req, res) => {
  res.json({ instanceUrl: req.sf.instanceUrl });
});

console.log(
  JSON.stringify({
    baseline: await listen(bare),
    middleware: await listen(withSf),
    appWide: await listen(appWide),
  }),
);
