import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTestOrg, startTestOrg } from '../src/index.js';
import { acceptsGzip } from '../src/server/response-compression.js';
import { jsforceConnection } from './harness.js';

let running: RunningTestOrg;
let conn: Connection;
const ROWS = 25_005;

beforeAll(async () => {
  running = await startTestOrg({
    extra: { objects: { BigTable__c: { fields: {} } } },
    records: { BigTable__c: Array.from({ length: ROWS }, () => ({})) },
  });
  conn = await jsforceConnection(running.org, running.emulator);
  conn.bulk.pollInterval = 20;
});
afterAll(() => running?.emulator.stop());

/** A GET through node:http (which decompresses nothing): status, headers and raw bytes. */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ headers: Record<string, unknown>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${running.emulator.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('responses compressed as Salesforce compresses them (Accept-Encoding: gzip)', () => {
  it('reads which clients accept gzip: named without q=0', () => {
    expect(acceptsGzip('br, gzip, deflate')).toBe(true); // undici over https
    expect(acceptsGzip('gzip,deflate')).toBe(true); // node-fetch (jsforce 3.10.16)
    expect(acceptsGzip('GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('deflate, br')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('gzips a 25,005-row Bulk 1.0 query result for a client that asks, byte for byte the same CSV as the uncompressed answer', async () => {
    const job = await conn.bulk.createJob('BigTable__c', 'query');
    const batch = job.createBatch();
    batch.execute('SELECT Id, Name FROM BigTable__c');
    await new Promise((resolve, reject) => batch.on('queue', resolve).on('error', reject));
    const [result] = (await batch.retrieve()) as unknown as Array<{ id: string }>;
    const resultId = result!.id;
    const path = `/services/async/62.0/job/${job.id}/batch/${batch.id}/result/${resultId}`;
    const session = { 'x-sfdc-session': conn.accessToken! };
    const compressed = await rawGet(path, { ...session, 'accept-encoding': 'gzip, deflate' });
    const plain = await rawGet(path, session);
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(compressed.bytes).equals(plain.bytes)).toBe(true);
    expect(compressed.bytes.length).toBeLessThan(plain.bytes.length);
    expect(plain.bytes.toString('utf8').trimEnd().split('\n')).toHaveLength(ROWS + 1);
    await job.close();
  });

  it('answers a small body (a 204, a record under 32 KiB) as it is, even to a client that asks', async () => {
    const created = await conn.sobject('Account').create({ Name: 'Compressed' });
    const response = await fetch(
      `${running.emulator.url}/services/data/v62.0/sobjects/Account/${created.id}`,
      {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${conn.accessToken}`,
          'content-type': 'application/json',
          'accept-encoding': 'gzip',
        },
        body: JSON.stringify({ Name: 'Renamed' }),
      },
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('content-encoding')).toBeNull();
    const record = await rawGet(`/services/data/v62.0/sobjects/Account/${created.id}`, {
      authorization: `Bearer ${conn.accessToken}`,
      'accept-encoding': 'gzip',
    });
    expect(record.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(record.bytes.toString('utf8'))).toMatchObject({ Name: 'Renamed' });
  });

  it('serves real jsforce, which asks for gzip, a query it decodes: count and the first page', async () => {
    expect(await conn.sobject('BigTable__c').count({})).toBe(ROWS);
    const page = await conn.query<{ Id: string }>('SELECT Id FROM BigTable__c');
    expect(page.totalSize).toBe(ROWS);
    expect(page.records).toHaveLength(2000);
    expect(page.records.every((record) => /^a\w{17}$/.test(record.Id))).toBe(true);
  });
});
