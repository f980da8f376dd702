import { beforeAll, describe, expect, it } from 'vitest';
import { conn, emulator, useOrg } from './harness.js';

useOrg({ records: { Account: [{ Name: 'Acme' }] } });
beforeAll(() => {
  conn.bulk.pollInterval = 20;
  conn.bulk2.pollInterval = 20;
});

describe('Bulk API 2.0 through jsforce', () => {
  it('loadAndWaitForResults inserts rows, with successful and failed results, and they are queryable', async () => {
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'insert',
      input: [
        { LastName: 'Bulk One', Email: 'one@example.com' },
        { LastName: 'Bulk Two' },
        { FirstName: 'No last name' },
      ],
      pollTimeout: 10_000,
    });
    expect(results.successfulResults).toHaveLength(2);
    expect(results.successfulResults[0]).toMatchObject({
      sf__Created: 'true',
      LastName: 'Bulk One',
    });
    expect(results.failedResults).toHaveLength(1);
    expect(results.failedResults[0]!.sf__Error).toContain('REQUIRED_FIELD_MISSING');
    expect(results.unprocessedRecords).toHaveLength(0);
    const stored = await conn.query<{ LastName: string }>(
      "SELECT LastName FROM Contact WHERE LastName LIKE 'Bulk%' ORDER BY LastName",
    );
    expect(stored.records.map((record) => record.LastName)).toEqual(['Bulk One', 'Bulk Two']);
  });

  it('updates and deletes by Id, and counts the records processed', async () => {
    const ids = emulator.records('Contact').map((record) => String(record.Id));
    const job = conn.bulk2.createJob({ object: 'Contact', operation: 'update' });
    await job.open();
    await job.uploadData(ids.map((Id) => ({ Id, Title: 'Updated' })));
    await job.close();
    await job.poll(20, 10_000);
    const info = await job.check();
    expect(info).toMatchObject({
      state: 'JobComplete',
      numberRecordsProcessed: 2,
      numberRecordsFailed: 0,
    });
    expect(emulator.records('Contact').map((record) => record.Title)).toEqual([
      'Updated',
      'Updated',
    ]);
    const deleted = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'delete',
      input: ids.map((Id) => ({ Id })),
      pollTimeout: 10_000,
    });
    expect(deleted.successfulResults).toHaveLength(2);
    expect(emulator.records('Contact')).toHaveLength(0);
  });

  it('query jobs report the records they hold and return them as CSV', async () => {
    const records = await (
      await conn.bulk2.query('SELECT Id, Name FROM Account', { pollTimeout: 10_000 })
    ).toArray();
    expect(records.map((record) => record.Name)).toEqual(['Acme']);
    const job = (await conn.request({
      method: 'POST',
      url: '/services/data/v62.0/jobs/query',
      body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Account' }),
      headers: { 'content-type': 'application/json' },
    })) as { id: string };
    const info = await conn.request(`/services/data/v62.0/jobs/query/${job.id}`);
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 1 });
  });

  it('an aborted job leaves its rows unprocessed and stores nothing', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.uploadData([{ Name: 'Never stored' }]);
    await job.abort();
    expect(await job.getUnprocessedRecords()).toEqual([{ Name: 'Never stored' }]);
    expect(emulator.records('Account').some((record) => record.Name === 'Never stored')).toBe(
      false,
    );
  });
});

describe('Bulk API 1.0 through jsforce', () => {
  it('bulk.load inserts through a job and a batch, with per-row results', async () => {
    const results = await conn.bulk.load('Account', 'insert', [
      { Name: 'Bulk1 A', Industry: 'Energy' },
      { Name: 'Bulk1 B', Industry: 'Energy' },
      { Name: null, Industry: 'No name' },
    ]);
    expect(results.map((result) => result.success)).toEqual([true, true, false]);
    expect(results[0]!.id).toMatch(/^001/);
    expect(String((results[2] as { errors: string[] }).errors[0])).toContain(
      'REQUIRED_FIELD_MISSING',
    );
    const stored = await conn.query("SELECT Id FROM Account WHERE Name LIKE 'Bulk1%'");
    expect(stored.totalSize).toBe(2);
  });

  it('bulk.query reads records back through a query batch and its result set', async () => {
    const records: Array<Record<string, string>> = [];
    const stream = await conn.bulk.query("SELECT Id, Name FROM Account WHERE Name = 'Acme'");
    await new Promise((resolve, reject) => {
      stream
        .on('record', (record: Record<string, string>) => records.push(record))
        .on('end', resolve)
        .on('error', reject);
    });
    expect(records.map((record) => record.Name)).toEqual(['Acme']);
  });

  it('a job reports its batches and counts', async () => {
    const job = conn.bulk.createJob('Account', 'insert');
    const batch = job.createBatch();
    const done = new Promise((resolve, reject) => {
      batch.on('queue', () => batch.poll(20, 10_000));
      batch.on('response', resolve);
      batch.on('error', reject);
    });
    batch.execute([{ Name: 'Counted' }]);
    await done;
    const info = await job.check();
    expect(info).toMatchObject({
      numberBatchesTotal: '1',
      numberRecordsProcessed: '1',
      numberRecordsFailed: '0',
    });
    await job.close();
  });
});
