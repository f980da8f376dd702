// What the Redis store README's block takes from the reader's app.
import type { JwtBearerConfig } from '@sf-jwt/core';

declare global {
  const config: JwtBearerConfig;
}
