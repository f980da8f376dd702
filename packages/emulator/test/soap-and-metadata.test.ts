import { Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import { conn, emulator, org, useOrg } from './harness.js';

useOrg({
  extra: {
    objects: {
      Invoice__c: {
        label: 'Invoice',
        fields: {
          Amount__c: { type: 'currency', required: true },
          Account__c: { type: 'reference', referenceTo: 'Account' },
        },
      },
    },
    metadata: { ApexClass: ['InvoiceService'] },
  },
});

describe('SOAP and Metadata through jsforce', () => {
  it('getUserInfo answers the session user (jsforce sends <soapenv:Body xmlns="...">)', async () => {
    const info = await conn.soap.getUserInfo();
    expect(info.userName).toBe(org.username);
    expect(info.organizationId).toMatch(/^00D/);
    expect(info.userId).toMatch(/^005/);
  });

  it('getServerTimestamp answers the emulator clock', async () => {
    const { timestamp } = await conn.soap.getServerTimestamp();
    expect(Math.abs(new Date(timestamp).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('describeMetadata lists the known types', async () => {
    const described = await conn.metadata.describe();
    expect(described.metadataObjects.map((type) => type.xmlName)).toContain('CustomObject');
  });

  it('listMetadata lists what the org holds, and nothing for an empty type', async () => {
    const objects = await conn.metadata.list([{ type: 'CustomObject' }]);
    const names = (Array.isArray(objects) ? objects : [objects]).map((item) => item.fullName);
    expect(names).toContain('Invoice__c');
    expect(names).toContain('Account');
    const classes = await conn.metadata.list([{ type: 'ApexClass' }]);
    expect((Array.isArray(classes) ? classes : [classes]).map((item) => item.fullName)).toEqual([
      'InvoiceService',
    ]);
    const triggers = await conn.metadata.list([{ type: 'ApexTrigger' }]);
    expect(triggers ?? []).toEqual([]);
  });

  it('readMetadata reads a custom object with its fields', async () => {
    const invoice = (await conn.metadata.read('CustomObject', 'Invoice__c')) as unknown as {
      fullName: string;
      fields: Array<{ fullName: string; type: string }>;
    };
    expect(invoice.fullName).toBe('Invoice__c');
    expect(invoice.fields.map((field) => field.fullName).sort()).toEqual([
      'Account__c',
      'Amount__c',
    ]);
  });

  it('an operation the emulator cannot perform is a FUNCTIONALITY_NOT_ENABLED fault, not a fake success', async () => {
    await expect(conn.metadata.deploy(Buffer.from('zip'), {}).complete()).rejects.toMatchObject({
      name: 'sf:FUNCTIONALITY_NOT_ENABLED',
    });
    const response = await fetch(`${emulator.url}/services/Soap/s/62.0`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', soapaction: '""' },
      body: `<?xml version="1.0"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:a="http://soap.sforce.com/2006/08/apex"><env:Header><a:SessionHeader><a:sessionId>${conn.accessToken}</a:sessionId></a:SessionHeader></env:Header><env:Body wsu:Id="b" xmlns:wsu="urn:x"><a:executeAnonymous><a:String>System.debug(1);</a:String></a:executeAnonymous></env:Body></env:Envelope>`,
    });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('<faultcode>sf:FUNCTIONALITY_NOT_ENABLED</faultcode>');
  });

  it('a username-password SOAP login is answered not supported (the org is reached by JWT bearer)', async () => {
    const fresh = new Connection({ loginUrl: emulator.url, version: '62.0' });
    await expect(fresh.login(org.username, 'password')).rejects.toThrow(
      /not supported by the emulator/,
    );
  });

  it('a stale session is INVALID_SESSION_ID whatever the prefix', async () => {
    const stale = new Connection({
      instanceUrl: emulator.url,
      accessToken: '00Dxx!stale',
      version: '62.0',
    });
    await expect(stale.soap.getUserInfo()).rejects.toMatchObject({ name: 'sf:INVALID_SESSION_ID' });
  });
});
