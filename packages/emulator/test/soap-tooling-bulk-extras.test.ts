import { describe, expect, it } from 'vitest';
import { conn, useOrg } from './harness.js';

useOrg();

describe('SOAP Partner operations', () => {
  it('converts a lead into an account, contact and opportunity, or only a contact on a given account', async () => {
    const leads = await conn.sobject('Lead').create([
      { LastName: 'Lee', Company: 'Lee & Co' },
      { LastName: 'Kim', Company: 'Kim Ltd' },
    ]);
    const first = await conn.soap.convertLead({
      leadId: leads[0]!.id!,
      convertedStatus: 'Closed - Converted',
    });
    expect(first.success).toBe(true);
    expect((await conn.sobject('Account').retrieve(first.accountId as string)).Name).toBe(
      'Lee & Co',
    );
    expect((await conn.sobject('Contact').retrieve(first.contactId as string)).AccountId).toBe(
      first.accountId,
    );
    const second = await conn.soap.convertLead({
      leadId: leads[1]!.id!,
      accountId: first.accountId,
      convertedStatus: 'Closed - Converted',
      doNotCreateOpportunity: true,
    });
    expect(second).toMatchObject({ success: true, accountId: first.accountId });
    expect(second.opportunityId ?? null).toBeNull();
    const again = await conn.soap.convertLead({
      leadId: leads[0]!.id!,
      convertedStatus: 'Closed - Converted',
    });
    expect(again.success).toBe(false);
  });

  it('merges two leads into a master, and lists tabs with describeTabs', async () => {
    const [master, other] = await conn.sobject('Lead').create([
      { LastName: 'Master', Company: 'M' },
      { LastName: 'Other', Company: 'O' },
    ]);
    const merged = await conn.soap.merge({
      masterRecord: { type: 'Lead', Id: master!.id!, Company: 'Merged' },
      recordToMergeIds: [other!.id!],
    } as never);
    expect(merged).toMatchObject({ success: true, id: master!.id, mergedRecordIds: [other!.id] });
    expect((await conn.sobject('Lead').retrieve(master!.id!)).Company).toBe('Merged');
    expect(await conn.sobject('Lead').count({ Id: other!.id! })).toBe(0);
    const [app] = await conn.soap.describeTabs();
    expect(app!.tabs.map((tab) => tab.sobjectName)).toContain('Account');
  });
});

describe('Tooling sObjects', () => {
  it('keeps a DebugLevel and a StaticResource whose Body downloads as the bytes sent (multipart)', async () => {
    const level = await conn.tooling
      .sobject('DebugLevel')
      .create({ DeveloperName: 'dl', MasterLabel: 'dl', ApexCode: 'ERROR' });
    await conn.tooling.sobject('DebugLevel').update({ Id: level.id!, ApexCode: 'WARN' });
    expect((await conn.tooling.sobject('DebugLevel').retrieve(level.id!)).ApexCode).toBe('WARN');
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x80, 0x0a]);
    const created = await conn.tooling.create(
      'StaticResource',
      { Name: 'Blob', ContentType: 'application/zip', CacheControl: 'Private', Body: bytes },
      { multipartFileFields: { Body: { contentType: 'application/zip', filename: 'blob.zip' } } },
    );
    const record = await conn.tooling.retrieve('StaticResource', created.id!);
    const body = await conn.tooling.request<string>(
      record.Body as string,
      { encoding: 'base64' } as never,
    );
    expect(body).toBe(bytes.toString('base64'));
  });
});

describe('Bulk API', () => {
  it('refuses an empty Bulk 1.0 CSV batch with ClientInputError', async () => {
    await expect(conn.bulk.load('Account', 'update', [])).rejects.toMatchObject({
      name: 'ClientInputError',
    });
  });

  it('reads a Bulk 2.0 upload with columnDelimiter BACKQUOTE', async () => {
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      columnDelimiter: 'BACKQUOTE',
      input: 'Name`Phone\nBackquoted, Inc.`555-0100\n',
    });
    expect(results.successfulResults).toHaveLength(1);
    expect(await conn.sobject('Account').count({ Name: 'Backquoted, Inc.' })).toBe(1);
  });
});
