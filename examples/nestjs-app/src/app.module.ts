import { Controller, type DynamicModule, Get, Module } from '@nestjs/common';
import type { JwtBearerConfig } from '@sf-jwt/core';
import { InjectSalesforce, SalesforceModule } from '@sf-jwt/nestjs';
import type { Connection } from 'jsforce';

@Controller()
class AccountsController {
  // Request-scoped: this request's Salesforce user (the module has a subject).
  constructor(@InjectSalesforce() private readonly sf: Connection) {}

  @Get('me')
  async me() {
    return { username: (await this.sf.identity()).username };
  }

  @Get('accounts')
  async accounts() {
    const { records } = await this.sf.query<{ Name: string }>('SELECT Name FROM Account');
    return records.map((record) => record.Name);
  }
}

/** The app's root module, acting as the user in `x-salesforce-user` (your auth would map it). */
export function appModule(config: JwtBearerConfig): DynamicModule {
  @Module({})
  class AppModule {}
  return {
    module: AppModule,
    imports: [
      SalesforceModule.forRoot({
        source: config,
        subject: (request) => request.headers['x-salesforce-user'] as string | undefined,
      }),
    ],
    controllers: [AccountsController],
  };
}
