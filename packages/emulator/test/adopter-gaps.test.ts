import { describe, expect, it } from 'vitest';
import { EmulatorError, startTestOrg } from '../src/index.js';
import { api, conn, env, token, useOrg } from './harness.js';

useOrg({
  records: {
    Opportunity: [
      { Name: 'Open deal', StageName: 'Prospecting', CloseDate: '2026-12-31', Amount: 10 },
      { Name: 'Won deal', StageName: 'Closed Won', CloseDate: '2026-01-31', Amount: 20 },
      { Name: 'Lost deal', StageName: 'Closed Lost', CloseDate: '2026-02-28', Amount: 30 },
    ],
  },
});

describe('fields adopters query', () => {
  it('Opportunity.IsClosed follows the stage, and LastActivityDate is null, in SOQL', async () => {
    const open = await conn.query<{ Name: string; IsClosed: boolean; LastActivityDate: null }>(
      'SELECT Name, IsClosed, LastActivityDate FROM Opportunity WHERE IsClosed = false',
    );
    expect(
      open.records.map(({ Name, IsClosed, LastActivityDate }) => [
        Name,
        IsClosed,
        LastActivityDate,
      ]),
    ).toEqual([['Open deal', false, null]]);
    const closed = await conn.query<{ Name: string }>(
      'SELECT Name FROM Opportunity WHERE IsClosed = true ORDER BY Name',
    );
    expect(closed.records.map((record) => record.Name)).toEqual(['Lost deal', 'Won deal']);
  });

  it('IsClosed is read-only and recomputed when the stage changes', async () => {
    const [open] = (
      await conn.query<{ Id: string }>("SELECT Id FROM Opportunity WHERE Name = 'Open deal'")
    ).records;
    await conn.sobject('Opportunity').update({ Id: open!.Id, StageName: 'Closed Won' });
    const after = await conn.sobject('Opportunity').retrieve(open!.Id);
    expect((after as unknown as { IsClosed: boolean }).IsClosed).toBe(true);
    const refused = await conn
      .sobject('Opportunity')
      .update({ Id: open!.Id, IsClosed: false } as never)
      .then(
        (result) => result,
        (error: { errorCode?: string }) => ({ errorCode: error.errorCode }),
      );
    expect(JSON.stringify(refused)).toContain('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('describes Opportunity.IsClosed, Opportunity.LastActivityDate and User.Phone', async () => {
    const opportunity = await conn.sobject('Opportunity').describe();
    const fields = new Map(opportunity.fields.map((field) => [field.name, field]));
    expect(fields.get('IsClosed')).toMatchObject({ type: 'boolean', updateable: false });
    expect(fields.get('LastActivityDate')).toMatchObject({ type: 'date', updateable: false });
    const user = await conn.sobject('User').describe();
    expect(user.fields.find((field) => field.name === 'Phone')).toMatchObject({ type: 'phone' });
    const users = await conn.query<{ Phone: string | null }>('SELECT Id, Phone FROM User');
    expect(users.records[0]!.Phone).toBeNull();
  });
});

describe('Flow actions: /services/data/vXX.X/actions/custom/flow', () => {
  it('lists no flows, and answers a named flow 400 FUNCTIONALITY_NOT_ENABLED, not a missing route', async () => {
    const base = `${env.emulator.url}/services/data/v62.0/actions/custom`;
    const list = await api(`${base}/flow`, token);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ actions: [] });
    for (const method of ['POST', 'GET']) {
      const response = await api(`${base}/flow/Unknown_Flow`, token, {
        method,
        ...(method === 'POST' ? { body: JSON.stringify({ inputs: [{}] }) } : {}),
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual([
        {
          errorCode: 'FUNCTIONALITY_NOT_ENABLED',
          message: expect.stringContaining('Unknown_Flow'),
        },
      ]);
    }
    // The same through jsforce, as an app calls it.
    const error = await conn
      .requestPost('/services/data/v62.0/actions/custom/flow/Nightly_Sync', { inputs: [{}] })
      .then(
        () => undefined,
        (caught: { errorCode?: string }) => caught,
      );
    expect(error?.errorCode).toBe('FUNCTIONALITY_NOT_ENABLED');
  });
});

describe('startTestOrg', () => {
  it.each([
    ['a misspelt org option', { userNames: ['a@example.com'] }],
    ['a misspelt emulator option', { emulator: { prot: 0 } }],
  ])('refuses %s with EmulatorError invalid_setup', async (_name, options) => {
    const error = await startTestOrg(options as never).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(EmulatorError.isInstance(error)).toBe(true);
    expect((error as EmulatorError).code).toBe('invalid_setup');
  });
});
