import type { JwtBearerConfig } from '@sf-jwt/core';
import { salesforcePlugin } from '@sf-jwt/fastify';
import Fastify, { type FastifyInstance } from 'fastify';

/** An app acting as the Salesforce user named in `x-salesforce-user` (your auth would map it). */
export async function buildApp(config: JwtBearerConfig): Promise<FastifyInstance> {
  const app = Fastify();
  app.get('/health', async () => ({ ok: true }));
  await app.register(async (api) => {
    await api.register(salesforcePlugin, {
      source: config,
      subject: (request) => request.headers['x-salesforce-user'] as string | undefined,
    });
    api.get('/me', async (request) => ({ username: (await request.sf.identity()).username }));
    api.get('/accounts', async (request) => {
      const { records } = await request.sf.query<{ Name: string }>('SELECT Name FROM Account');
      return records.map((record) => record.Name);
    });
  });
  return app;
}
