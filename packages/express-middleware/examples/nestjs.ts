import { Controller, Get, Injectable, Module, Req, UseGuards } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { SalesforceJwtStrategy } from '@sf-jwt/express-middleware';
import type { Request } from 'express';
import type { Connection } from 'jsforce';
import { config } from './config.js';

interface SalesforceUser {
  salesforceUsername: string;
  sf: Connection;
}

@Injectable()
export class SalesforceStrategy extends PassportStrategy(SalesforceJwtStrategy) {
  constructor() {
    super(config); // registered as 'salesforce-jwt'; pass { name } to change it
  }

  // Runs after each successful authentication; what it returns becomes req.user.
  async validate(connection: Connection): Promise<SalesforceUser> {
    const info = await connection.request<{ preferred_username: string }>(
      '/services/oauth2/userinfo',
    );
    return { salesforceUsername: info.preferred_username, sf: connection };
  }
}

@Controller('accounts')
export class AccountsController {
  @UseGuards(AuthGuard('salesforce-jwt'))
  @Get()
  async list(@Req() req: Request & { user: SalesforceUser }) {
    return (await req.user.sf.query('SELECT Name FROM Account')).records;
  }
}

@Module({ controllers: [AccountsController], providers: [SalesforceStrategy] })
export class AppModule {}
