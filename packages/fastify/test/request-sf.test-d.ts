import Fastify, { type FastifyRequest } from 'fastify';
import type { Connection } from 'jsforce';
import { expectTypeOf, test } from 'vitest';
import { type SalesforcePluginOptions, salesforcePlugin } from '../src/index.js';

test('importing the plugin types request.sf as a jsforce Connection, with no cast', async () => {
  const app = Fastify();
  await app.register(salesforcePlugin, {
    source: { clientId: 'id', username: 'u@example.com', privateKey: 'pem' },
  });
  app.get('/accounts', async (request) => {
    expectTypeOf(request.sf).toEqualTypeOf<Connection>();
    const result = await request.sf.query<{ Name: string }>('SELECT Name FROM Account');
    expectTypeOf(result.records[0]!.Name).toEqualTypeOf<string>();
    return result.records;
  });
  expectTypeOf<FastifyRequest['sf']>().toEqualTypeOf<Connection>();
});

test('routes opt in with config.salesforce, a boolean', () => {
  const app = Fastify();
  app.get('/reports', { config: { salesforce: true } }, async (request) => request.sf.limits());
  // @ts-expect-error: the route option is a boolean, not a username or a config.
  app.get('/wrong', { config: { salesforce: 'integration@acme.com' } }, async () => 'no');
});

test('the subject resolver receives the Fastify request and may answer later', () => {
  expectTypeOf<SalesforcePluginOptions['subject']>().toEqualTypeOf<
    ((request: FastifyRequest) => string | undefined | Promise<string | undefined>) | undefined
  >();
  const options: SalesforcePluginOptions = {
    subject: async (request) => request.headers['x-salesforce-user'] as string | undefined,
  };
  expectTypeOf(options).toMatchTypeOf<SalesforcePluginOptions>();
  // @ts-expect-error: a subject is a username, not a number.
  const wrong: SalesforcePluginOptions = { subject: () => 42 };
  expectTypeOf(wrong).not.toBeNever();
});
