import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';
import { conn, org, useOrg } from './harness.js';

// 'calls Apex REST' needs a working Apex REST surface: the opt-in echo.
useOrg({ emulator: { apexRest: 'echo' } });

describe('real jsforce against the emulator', () => {
  it('runs the jsforce version this leg is meant to test', () => {
    const expected =
      process.env.SF_JWT_JSFORCE === 'latest' ? /^3\.10\.(1[7-9]|[2-9]\d)/ : /^3\.10\.16$/;
    expect(jsforce.VERSION).toMatch(expected);
  });

  it('queries', async () => {
    const result = await conn.query<{ Name: string }>('SELECT Id, Name FROM Account');
    expect(result.totalSize).toBe(3);
    expect(result.records.map((record) => record.Name).sort()).toEqual([
      'Acme',
      'Globex',
      'Initech',
    ]);
  });

  it('creates, retrieves, updates and deletes', async () => {
    const created = await conn.sobject('Contact').create({ LastName: 'Doe' });
    expect(created.success).toBe(true);
    const id = created.id!;
    await conn.sobject('Contact').update({ Id: id, FirstName: 'Jane' });
    expect(await conn.sobject('Contact').retrieve(id)).toMatchObject({
      FirstName: 'Jane',
      LastName: 'Doe',
    });
    await conn.sobject('Contact').destroy(id);
    await expect(conn.sobject('Contact').retrieve(id)).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
  });

  it('describes', async () => {
    const describe = await conn.sobject('Account').describe();
    expect(describe.name).toBe('Account');
    expect(describe.fields.map((field) => field.name)).toContain('Name');
  });

  it('calls Apex REST', async () => {
    await expect(conn.apex.post('/orders/42', { quantity: 2 })).resolves.toMatchObject({
      method: 'POST',
      path: '/orders/42',
      body: { quantity: 2 },
    });
  });

  it('reads its identity', async () => {
    await expect(conn.identity()).resolves.toMatchObject({ username: org.username });
  });
});
