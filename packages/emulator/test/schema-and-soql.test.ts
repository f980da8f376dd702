import { beforeAll, describe, expect, it } from 'vitest';
import { api, conn, emulator, token, useOrg } from './harness.js';

useOrg({
  records: {
    Account: [
      { Name: 'Smith AND Sons', Industry: 'Retail', AnnualRevenue: 100 },
      { Name: 'Acme', Industry: 'Energy', AnnualRevenue: 250 },
      { Name: 'Globex', Industry: 'Energy', AnnualRevenue: 50 },
      { Name: 'Initech', Industry: null, AnnualRevenue: null },
    ],
  },
  extra: {
    objects: {
      Invoice__c: {
        fields: {
          Amount__c: { type: 'currency', required: true },
          Account__c: { type: 'reference', referenceTo: 'Account' },
        },
      },
    },
  },
});
beforeAll(async () => {
  const acme = emulator.records('Account').find((record) => record.Name === 'Acme')!;
  await conn.sobject('Contact').create({ LastName: 'Doe', FirstName: 'Jane', AccountId: acme.Id });
  await conn.sobject('Contact').create({ LastName: 'Orphan' });
});

const names = (records: Array<{ Name?: string }>) => records.map((record) => record.Name).sort();

describe('SOQL through soql-parser-js, over the schema', () => {
  it('a quoted AND is part of the string, and OR, NOT and parentheses combine as written', async () => {
    const quoted = await conn.query<{ Name: string }>(
      "SELECT Name FROM Account WHERE Name = 'Smith AND Sons'",
    );
    expect(names(quoted.records)).toEqual(['Smith AND Sons']);
    const either = await conn.query<{ Name: string }>(
      "SELECT Name FROM Account WHERE (Industry = 'Retail' OR Name LIKE 'Glo%') AND NOT Name IN ('Acme')",
    );
    expect(names(either.records)).toEqual(['Globex', 'Smith AND Sons']);
    const nulls = await conn.query<{ Name: string }>(
      'SELECT Name FROM Account WHERE Industry = null',
    );
    expect(names(nulls.records)).toEqual(['Initech']);
    const compared = await conn.query<{ Name: string }>(
      'SELECT Name FROM Account WHERE AnnualRevenue >= 100 ORDER BY AnnualRevenue DESC',
    );
    expect(compared.records.map((record) => record.Name)).toEqual(['Acme', 'Smith AND Sons']);
  });

  it('ORDER BY, LIMIT, OFFSET and COUNT()', async () => {
    const page = await conn.query<{ Name: string }>(
      'SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1',
    );
    expect(page.records.map((record) => record.Name)).toEqual(['Globex', 'Initech']);
    const count = await conn.query("SELECT COUNT() FROM Account WHERE Industry = 'Energy'");
    expect(count.totalSize).toBe(2);
  });

  it('parent relationship fields come back nested as Salesforce nests them', async () => {
    const result = await conn.query<Record<string, unknown>>(
      'SELECT LastName, Account.Name FROM Contact ORDER BY LastName',
    );
    expect(result.records[0]).toMatchObject({
      LastName: 'Doe',
      Account: { attributes: { type: 'Account' }, Name: 'Acme' },
    });
    expect(result.records[1]).toMatchObject({ LastName: 'Orphan', Account: null });
    const filtered = await conn.query("SELECT Id FROM Contact WHERE Account.Industry = 'Energy'");
    expect(filtered.totalSize).toBe(1);
  });

  it('child relationship subqueries nest the children, or null when there are none', async () => {
    const result = await conn.query<Record<string, unknown>>(
      "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account WHERE Name IN ('Acme', 'Globex') ORDER BY Name",
    );
    expect(result.records[0]).toMatchObject({
      Name: 'Acme',
      Contacts: {
        totalSize: 1,
        done: true,
        records: [{ attributes: { type: 'Contact' }, LastName: 'Doe' }],
      },
    });
    expect(result.records[1]).toMatchObject({ Name: 'Globex', Contacts: null });
    await expect(
      conn.query('SELECT Id, (SELECT Id FROM Nopes) FROM Account'),
    ).rejects.toMatchObject({
      errorCode: 'INVALID_TYPE',
    });
  });

  it('aggregates with GROUP BY, COUNT(Id) and SUM', async () => {
    const result = await conn.query<Record<string, unknown>>(
      'SELECT Industry, COUNT(Id) total, SUM(AnnualRevenue) FROM Account WHERE Industry != null GROUP BY Industry ORDER BY Industry',
    );
    expect(result.records).toEqual([
      { attributes: { type: 'AggregateResult' }, Industry: 'Energy', total: 2, expr0: 300 },
      { attributes: { type: 'AggregateResult' }, Industry: 'Retail', total: 1, expr0: 100 },
    ]);
  });

  it('columns=true describes the columns, with parent fields as joinColumns', async () => {
    const { status, body } = await api(
      `${emulator.url}/services/data/v62.0/query?columns=true&q=${encodeURIComponent('SELECT Id, Account.Name FROM Contact')}`,
      token,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      entityName: 'Contact',
      columnMetadata: [
        { columnName: 'Id' },
        { columnName: 'Account', joinColumns: [{ columnName: 'Name' }] },
      ],
    });
  });

  it('an unknown object is INVALID_TYPE, an unknown field INVALID_FIELD, bad syntax MALFORMED_QUERY', async () => {
    await expect(conn.query('SELECT Id FROM ScratchOrgInfo')).rejects.toMatchObject({
      errorCode: 'INVALID_TYPE',
    });
    await expect(conn.query('SELECT Id, Nope__c FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
    await expect(conn.query('SELECT Id, Nope.Name FROM Contact')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
    await expect(conn.query('SELECT Id FROM')).rejects.toMatchObject({
      errorCode: 'MALFORMED_QUERY',
    });
    const { status, body } = await api(
      `${emulator.url}/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Foo')}`,
      token,
    );
    expect(status).toBe(400);
    expect((body as Array<{ message: string }>)[0]!.message).toContain(
      "sObject type 'Foo' is not supported",
    );
    const field = await api(
      `${emulator.url}/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id, Nope FROM Account')}`,
      token,
    );
    expect(field.status).toBe(400);
    expect((field.body as Array<{ message: string }>)[0]!.message).toContain(
      "No such column 'Nope' on entity 'Account'",
    );
  });
});

describe('DML and describe obey the schema', () => {
  it('a create with an unknown field is INVALID_FIELD; a Contact without LastName is REQUIRED_FIELD_MISSING with fields', async () => {
    await expect(conn.sobject('Account').create({ Name: 'X', Nope__c: 1 })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
    const { status, body } = await api(
      `${emulator.url}/services/data/v62.0/sobjects/Contact`,
      token,
      {
        method: 'POST',
        body: JSON.stringify({ FirstName: 'No' }),
      },
    );
    expect(status).toBe(400);
    expect(body).toEqual([
      {
        message: 'Required fields are missing: [LastName]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['LastName'],
      },
    ]);
  });

  it('a read-only field cannot be written', async () => {
    await expect(
      conn.sobject('Account').create({ Name: 'X', CreatedDate: '2020-01-01T00:00:00Z' }),
    ).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });
  });

  it('custom objects from the setup are described, created and queried', async () => {
    const account = emulator.records('Account')[0]!;
    const created = await conn
      .sobject('Invoice__c')
      .create({ Amount__c: 12.5, Account__c: account.Id });
    expect(created.success).toBe(true);
    const result = await conn.query<Record<string, unknown>>(
      'SELECT Amount__c, Account__r.Name FROM Invoice__c',
    );
    expect(result.records[0]).toMatchObject({
      Amount__c: 12.5,
      Account__r: { Name: account.Name },
    });
    const described = await conn.sobject('Invoice__c').describe();
    expect(described.custom).toBe(true);
    expect(described.fields.find((field) => field.name === 'Account__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
      relationshipName: 'Account__r',
      nillable: true,
    });
    expect(described.fields.find((field) => field.name === 'Amount__c')).toMatchObject({
      nillable: false,
      createable: true,
    });
    const account2 = await conn.sobject('Account').describe();
    expect(account2.childRelationships.map((child) => child.childSObject)).toContain('Invoice__c');
  });

  it('describing or reading a made-up object is NOT_FOUND', async () => {
    await expect(conn.sobject('MadeUp__c').describe()).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
    const { status, body } = await api(
      `${emulator.url}/services/data/v62.0/sobjects/MadeUp__c`,
      token,
      {
        method: 'POST',
        body: '{}',
      },
    );
    expect(status).toBe(404);
    expect(body).toEqual([
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
    ]);
  });
});
