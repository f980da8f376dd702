/**
 * One of the apps bench/middleware.ts loads (BENCH_APP), alone in its own process so that the
 * load generator does not share its event loop and no app is favoured by sharing one with others.
 * Prints its URL once warm.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { salesforce } from '../packages/express-middleware/src/index.js';

const config = JSON.parse(process.env.BENCH_CONFIG ?? '{}');
const app = express();
switch (process.env.BENCH_APP) {
  case 'baseline':
    app.get('/warm', (_req, res) => {
      res.json({ instanceUrl: config.loginUrl });
    });
    break;
  case 'middleware':
    app.get('/warm', salesforce(config), (req, res) => {
      res.json({ instanceUrl: req.sf.instanceUrl });
    });
    break;
  default:
    // Mounted app-wide: Express dispatches one more router layer per request.
    app.use(salesforce(config));
    app.get('/warm', (req, res) => {
      res.json({ instanceUrl: req.sf.instanceUrl });
    });
}
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/warm`;
await fetch(url); // warm: the one token exchange happens here, not during the measurement
console.log(url);
