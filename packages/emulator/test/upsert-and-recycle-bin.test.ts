import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type RunningEmulator, startEmulator } from '../src/index.js';
import { jsforceConnection } from './harness.js';

let emulator: RunningEmulator;
let conn: Connection;

beforeAll(async () => {
  const org = await createTestOrg({
    extra: { objects: { Upsert__c: { fields: { ExtId__c: { externalId: true } } } } },
  });
  emulator = await startEmulator({ setup: org.setup });
  conn = await jsforceConnection(org, emulator);
});
afterAll(() => emulator.stop());

describe('upsert by external id', () => {
  it('creates on no match, updates on one, and answers MULTIPLE_CHOICES on two', async () => {
    const created = await conn
      .sobject('Upsert__c')
      .upsert({ Name: 'First', ExtId__c: 'E1' }, 'ExtId__c');
    expect(created).toMatchObject({ success: true, created: true });
    const updated = await conn
      .sobject('Upsert__c')
      .upsert({ Name: 'Second', ExtId__c: 'E1' }, 'ExtId__c');
    expect(updated).toMatchObject({ success: true, created: false, id: created.id });
    expect((await conn.sobject('Upsert__c').retrieve(created.id!)).Name).toBe('Second');
    await conn.sobject('Upsert__c').create({ Name: 'Twin', ExtId__c: 'E1' });
    const twice = conn.sobject('Upsert__c').upsert({ Name: 'Third', ExtId__c: 'E1' }, 'ExtId__c');
    await expect(twice).rejects.toMatchObject({ name: 'MULTIPLE_CHOICES' });
  });

  it('upserts a collection, and rolls all of it back with allOrNone when one is malformed', async () => {
    const records = [1, 2, 3].map((n) => ({ Name: `Many ${n}`, ExtId__c: `M${n}` }));
    const results = await conn.sobject('Upsert__c').upsert(records, 'ExtId__c');
    expect(results.map((result) => [result.success, result.created])).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ]);
    const again = await conn.sobject('Upsert__c').upsert(records, 'ExtId__c');
    expect(again.every((result) => result.success && !result.created)).toBe(true);
    const bad = [
      { Name: 'Fine', ExtId__c: 'R1' },
      { Name: 'Broken', ExtId__c: 'R2', OwnerId: 'INVALID_OWNER' },
    ];
    const rolledBack = await conn.sobject('Upsert__c').upsert(bad, 'ExtId__c', { allOrNone: true });
    const codes = rolledBack.map(
      (result) => (result as { errors: Array<{ statusCode: string }> }).errors[0]?.statusCode,
    );
    expect(codes).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'MALFORMED_ID']);
    expect(await conn.sobject('Upsert__c').count({ ExtId__c: { $in: ['R1', 'R2'] } })).toBe(0);
  });

  it('refuses a field that is not an external id with INVALID_FIELD', async () => {
    const upsert = conn.sobject('Upsert__c').upsert({ Name: 'X' }, 'Name');
    await expect(upsert).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });
});

describe('recycle bin', () => {
  it('keeps a deleted record for queryAll and /deleted, and SOAP undelete brings it back', async () => {
    const start = new Date(Date.now() - 60_000).toISOString();
    const { id } = await conn.sobject('Contact').create({ LastName: 'Binned' });
    await conn.sobject('Contact').destroy(id!);
    const live = await conn.query(`SELECT Id FROM Contact WHERE Id = '${id}'`);
    expect(live.totalSize).toBe(0);
    const all = await conn.query(`SELECT Id, IsDeleted FROM Contact WHERE Id = '${id}'`, {
      scanAll: true,
    });
    expect(all.records).toEqual([expect.objectContaining({ Id: id, IsDeleted: true })]);
    const end = new Date(Date.now() + 60_000).toISOString();
    const deleted = await conn.sobject('Contact').deleted(start, end);
    expect(deleted.deletedRecords.map((record) => record.id)).toContain(id);
    const [restored] = await conn.soap.undelete([id!]);
    expect(restored).toMatchObject({ success: true, id });
    expect((await conn.sobject('Contact').retrieve(id!)).LastName).toBe('Binned');
    const [again] = await conn.soap.undelete([id!]);
    expect(again).toMatchObject({ success: false });
  });
});
