/**
 * One of the apps bench/fastify.ts loads (BENCH_APP), alone in its own process so that the load
 * generator does not share its event loop. Prints its URL once warm.
 */
import Fastify from 'fastify';
import { salesforcePlugin } from '../packages/fastify/src/index.js';

const config = JSON.parse(process.env.BENCH_CONFIG ?? '{}');
const app = Fastify();
if (process.env.BENCH_APP === 'plugin') {
  await app.register(salesforcePlugin, { source: config });
  app.get('/warm', async (request) => ({ instanceUrl: request.sf.instanceUrl }));
} else if (process.env.BENCH_APP === 'emptyHook') {
  app.addHook('preHandler', (_request, _reply, done) => done());
  app.get('/warm', async () => ({ instanceUrl: config.loginUrl }));
} else {
  app.get('/warm', async () => ({ instanceUrl: config.loginUrl }));
}
const url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/warm`;
await fetch(url); // warm: the one token exchange happens here, not during the measurement
console.log(url);
