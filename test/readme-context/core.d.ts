// What the core README's later blocks take from its first block or from the reader's app.
import type { JwtBearerConfig } from '@sf-jwt/core';

declare global {
  const JwtBearerStrategy: typeof import('@sf-jwt/core').JwtBearerStrategy;
  const config: JwtBearerConfig;
  const strategy: import('@sf-jwt/core').JwtBearerStrategy;
  const metrics: { increment(name: string, tags: Record<string, string>): void };
  const log: { warn(fields: object): void };
}
