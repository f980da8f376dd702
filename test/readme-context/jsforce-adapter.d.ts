// What the adapter README's short blocks take from the examples above or from the reader's app.
import type { JwtBearerConfig, JwtBearerStrategy } from '@sf-jwt/core';

declare global {
  const ConnectionPool: typeof import('@sf-jwt/jsforce-adapter').ConnectionPool;
  const baseConfig: JwtBearerConfig;
  const strategy: JwtBearerStrategy;
  const metrics: { increment(name: string, tags: Record<string, string>): void };
}
