import 'reflect-metadata';
import { Controller, Get } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type RunningTestOrg, startTestOrg } from '@sf-jwt/emulator';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectSalesforce, SalesforceModule } from '../src/index.js';

// An app set to issue JWT-based access tokens: REST through the module on a real port.
let env: RunningTestOrg;
beforeAll(async () => {
  env = await startTestOrg({ accessTokenFormat: 'jwt' });
});
afterAll(() => env.emulator.stop());

@Controller()
class AccountsController {
  constructor(@InjectSalesforce() private readonly sf: Connection) {}

  @Get('accounts')
  async accounts() {
    return { total: (await this.sf.query('SELECT Id FROM Account')).totalSize };
  }
}

describe('SalesforceModule with JWT-based access tokens', () => {
  it('queries over REST and heals an expiry with one exchange for 20 concurrent requests', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [SalesforceModule.forRoot({ source: env.config })],
      controllers: [AccountsController],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/accounts`;
    try {
      expect(await (await fetch(url)).json()).toEqual({ total: 3 });
      env.emulator.expireSessions();
      const before = env.emulator.stats().tokenExchanges;
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () => fetch(url).then((response) => response.status)),
      );
      expect(statuses).toEqual(Array(20).fill(200));
      expect(env.emulator.stats().tokenExchanges).toBe(before + 1);
    } finally {
      await app.close();
    }
  });
});
