import 'reflect-metadata';
import { inspect } from 'node:util';
import { Injectable, Module } from '@nestjs/common';
import { Cron, ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { SalesforceAuthError } from '@sf-jwt/core';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectSalesforce, SalesforceModule } from '../src/index.js';
import { type Org, startOrg } from './harness.js';

let env: Org;
beforeAll(async () => {
  env = await startOrg();
});
afterAll(() => env.emulator.stop());

const runs: string[][] = [];

/** The adopter's main path: an hourly job, outside any request, reading Salesforce. */
@Injectable()
class HourlySync {
  constructor(@InjectSalesforce() private readonly sf: Connection) {}

  @Cron('0 * * * *', { name: 'hourly-sync' })
  async sync() {
    const result = await this.sf.query<{ Name: string }>('SELECT Id, Name FROM Account');
    runs.push(result.records.map((record) => record.Name).sort());
  }
}

@Module({
  providers: [{ provide: 'SALESFORCE_SETTINGS', useFactory: () => env.config }],
  exports: ['SALESFORCE_SETTINGS'],
})
class SettingsModule {}

const fromSettings = (extra: { subject?: () => string } = {}) =>
  SalesforceModule.forRootAsync({
    imports: [SettingsModule],
    inject: ['SALESFORCE_SETTINGS'],
    useFactory: (settings: typeof env.config) => ({ source: settings, ...extra }),
  });

describe('SalesforceModule.forRootAsync without perRequest (the default)', () => {
  it('gives an hourly @Cron job a connection outside any request', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot(), fromSettings()],
      providers: [HourlySync],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      // Nest registers the job only for a static (singleton) provider.
      const job = app.get(SchedulerRegistry).getCronJob('hourly-sync');
      runs.length = 0;
      await job.fireOnTick();
      await app.get(HourlySync).sync();
      expect(runs).toEqual([
        ['Acme', 'Globex', 'Initech'],
        ['Acme', 'Globex', 'Initech'],
      ]);
    } finally {
      await app.close();
    }
  });

  it('fails the start-up with invalid_config when the options have a subject', async () => {
    const compiling = Test.createTestingModule({
      imports: [fromSettings({ subject: () => 'user1@example.com' })],
    })
      .compile()
      .then((moduleRef) => moduleRef.createNestApplication({ logger: false }).init());
    const error = await compiling.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect((error as SalesforceAuthError).code).toBe('invalid_config');
  });
});

describe("Nest's injected Connection", () => {
  it('prints and serialises without its token', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [fromSettings()],
      providers: [HourlySync],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const sf = (app.get(HourlySync) as unknown as { sf: Connection }).sf;
      const token = sf.accessToken!;
      expect(token.length).toBeGreaterThan(20);
      expect(inspect(app.get(HourlySync), { depth: 5 })).not.toContain(token);
      expect(JSON.stringify({ sf })).not.toContain(token);
      expect(JSON.parse(JSON.stringify(sf))).toMatchObject({ instanceUrl: sf.instanceUrl });
    } finally {
      await app.close();
    }
  });
});
