// What the Fastify README's later blocks take from its first block or from the reader's app (an
// authentication plugin that sets `request.user`, as @fastify/jwt does).
import type { JwtBearerConfig } from '@sf-jwt/core';
import type { FastifyInstance } from 'fastify';

declare global {
  const salesforcePlugin: typeof import('@sf-jwt/fastify').salesforcePlugin;
  const app: FastifyInstance;
  const baseConfig: JwtBearerConfig;
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: { salesforceUsername: string };
  }
}
