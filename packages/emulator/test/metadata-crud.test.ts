import { describe, expect, it } from 'vitest';
import { conn, useOrg } from './harness.js';

useOrg();

const object = (fullName: string, label: string) => ({
  fullName,
  label,
  pluralLabel: `${label}s`,
  nameField: { type: 'Text', label: `${label} Name` },
  deploymentStatus: 'Deployed',
  sharingModel: 'ReadWrite',
});

describe('Metadata API CRUD on custom objects', () => {
  it('creates an object that records can be written to, then reads, updates and lists it', async () => {
    const [created] = await conn.metadata.create('CustomObject', [object('Gadget__c', 'Gadget')]);
    expect(created).toMatchObject({ success: true, fullName: 'Gadget__c' });
    const { id } = await conn.sobject('Gadget__c').create({ Name: 'First gadget' });
    expect(id).toMatch(/^[a-zA-Z0-9]{18}$/);
    const [duplicate] = await conn.metadata.create('CustomObject', [object('Gadget__c', 'Gadget')]);
    expect(duplicate).toMatchObject({
      success: false,
      errors: [expect.objectContaining({ statusCode: 'DUPLICATE_DEVELOPER_NAME' })],
    });
    const read = (await conn.metadata.read('CustomObject', 'Gadget__c')) as unknown as {
      label: string;
      nameField: { label: string };
    };
    expect(read.nameField.label).toBe('Gadget Name');
    await conn.metadata.update('CustomObject', [
      { ...read, label: 'Renamed Gadget', description: null },
    ] as never);
    const updated = (await conn.metadata.read('CustomObject', 'Gadget__c')) as unknown as {
      label: string;
      description?: string;
    };
    expect(updated.label).toBe('Renamed Gadget');
    expect(updated.description ?? null).toBeNull();
    const listed = await conn.metadata.list({ type: 'CustomObject' });
    expect(listed.map((entry) => entry.fullName)).toContain('Gadget__c');
  });

  it('upserts (created only for the new one), renames and deletes', async () => {
    const upserted = await conn.metadata.upsert('CustomObject', [
      object('Gadget__c', 'Gadget'),
      object('Widget__c', 'Widget'),
    ]);
    expect(upserted.map((result) => [result.fullName, result.created])).toEqual([
      ['Gadget__c', false],
      ['Widget__c', true],
    ]);
    const renamed = await conn.metadata.rename('CustomObject', 'Widget__c', 'Sprocket__c');
    expect(renamed).toMatchObject({ success: true });
    expect(
      ((await conn.metadata.read('CustomObject', 'Sprocket__c')) as unknown as { fullName: string })
        .fullName,
    ).toBe('Sprocket__c');
    const deleted = await conn.metadata.delete('CustomObject', [
      'Gadget__c',
      'Sprocket__c',
      'Missing__c',
    ]);
    expect(deleted.map((result) => result.success)).toEqual([true, true, false]);
    await expect(conn.sobject('Gadget__c').create({ Name: 'gone' })).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
  });

  it('reads Lead.Status with its converted value, and refuses deploy as not supported', async () => {
    const status = (await conn.metadata.read('CustomField', 'Lead.Status')) as unknown as {
      picklist: { picklistValues: Array<{ fullName: string; converted?: string }> };
    };
    const converted = status.picklist.picklistValues.filter((value) => value.converted === 'true');
    expect(converted.map((value) => value.fullName)).toEqual(['Closed - Converted']);
    await expect(conn.metadata.deployRest(Buffer.from('zip'))).rejects.toMatchObject({
      errorCode: 'FUNCTIONALITY_NOT_ENABLED',
    });
  });
});
