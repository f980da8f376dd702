// What the NestJS README's later blocks take from its first block or from the reader's app
// (@nestjs/config's ConfigModule and ConfigService, reduced to what the README uses).
import type { JwtBearerConfig } from '@sf-jwt/core';
import type { SalesforceSubjectRequest } from '@sf-jwt/nestjs';

declare global {
  const SalesforceModule: typeof import('@sf-jwt/nestjs').SalesforceModule;
  const baseConfig: JwtBearerConfig;
  const subject: (request: SalesforceSubjectRequest) => string | undefined;
  class ConfigModule {}
  class ConfigService {
    get<T>(key: string): T;
  }
}
