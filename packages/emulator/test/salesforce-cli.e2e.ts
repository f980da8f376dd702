/**
 * The real Salesforce CLI (`@salesforce/cli` from the npm registry, in tools/sf-cli) against the
 * emulator on 127.0.0.1, on the Node 24 binary (sf needs Node >= 22). Its own step:
 * `pnpm test:sf-cli` after `npm ci --prefix tools/sf-cli`. Skipped locally when sf is not
 * installed; required when CI=true.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator, TestOrg } from '../src/index.js';
import { sfCliInstalled, sfRunner, useSfCliOrg } from './harness.js';

const installed = sfCliInstalled();
const ACCOUNT_ID = '001000000000001AAA';

let org: TestOrg;
let emulator: RunningEmulator;
let home: string;
const sf = sfRunner(() => home);

describe.skipIf(!installed)(
  `the Salesforce CLI against the emulator${installed ? '' : ' (skipped: tools/sf-cli not installed; run `npm ci --prefix tools/sf-cli`)'}`,
  { timeout: 180_000 },
  () => {
    // An External Client App: sf tries its login URL as the audience first, which such an app
    // accepts (the emulator's URL stands for the My Domain). With a classic app, sf would go on
    // to try test.salesforce.com and login.salesforce.com, off this machine.
    const records = {
      Account: [{ Id: ACCOUNT_ID, Name: 'Acme', Industry: 'Energy' }],
      Contact: [{ LastName: 'Doe', AccountId: ACCOUNT_ID }],
    };
    useSfCliOrg(
      { usernames: ['sf-cli@example.com'], kind: 'external-client-app', records },
      (env) => {
        ({ org, emulator, home } = env);
      },
    );

    it('org login jwt, then org display', async () => {
      const login = await sf([
        'org',
        'login',
        'jwt',
        '--client-id',
        org.clientId,
        '--jwt-key-file',
        join(home, 'server.key'),
        '--username',
        org.username,
        '--instance-url',
        emulator.url,
        '--alias',
        'emu',
      ]);
      expect(login.json, JSON.stringify(login.json).slice(0, 600)).toMatchObject({
        status: 0,
        result: { username: org.username, instanceUrl: emulator.url, isDevHub: false },
      });
      const display = await sf(['org', 'display', '--target-org', 'emu']);
      expect(display.json.result).toMatchObject({
        username: org.username,
        connectedStatus: 'Connected',
      });
      // One exchange and no failed one: sf never moved on to a Salesforce host.
      expect(emulator.stats()).toMatchObject({ tokenExchanges: 1, failedTokenExchanges: 0 });
    });

    it('org open --url-only prints a front-door URL from GET singleaccess', async () => {
      const open = await sf([
        'org',
        'open',
        '--url-only',
        '-o',
        'emu',
        '--path',
        '/lightning/setup',
      ]);
      expect(open.json, JSON.stringify(open.json).slice(0, 600)).toMatchObject({ status: 0 });
      const url = new URL(open.json.result.url);
      expect(url.origin).toBe(emulator.url);
      expect(url.pathname).toBe('/secur/frontdoor.jsp');
      expect(url.searchParams.get('otp')).toBeTruthy();
      const asked = emulator
        .requestLog()
        .filter((entry) => entry.path === '/services/oauth2/singleaccess');
      expect(asked.map(({ method, status }) => ({ method, status }))).toContainEqual({
        method: 'GET',
        status: 200,
      });
    });

    it('data query with a parent relationship field', async () => {
      const { json } = await sf([
        'data',
        'query',
        '-o',
        'emu',
        '-q',
        'SELECT LastName, Account.Name FROM Contact',
      ]);
      expect(json.result.records).toMatchObject([{ LastName: 'Doe', Account: { Name: 'Acme' } }]);
    });

    it('data create, get, update and delete record', async () => {
      const created = await sf([
        'data',
        'create',
        'record',
        '-o',
        'emu',
        '-s',
        'Contact',
        '-v',
        "LastName='Roe' FirstName=Ann",
      ]);
      const id = created.json.result.id as string;
      expect(id).toMatch(/^003/);
      expect(
        (await sf(['data', 'get', 'record', '-o', 'emu', '-s', 'Contact', '-i', id])).json.result,
      ).toMatchObject({ LastName: 'Roe' });
      expect(
        (
          await sf([
            'data',
            'update',
            'record',
            '-o',
            'emu',
            '-s',
            'Contact',
            '-i',
            id,
            '-v',
            'Title=Boss',
          ])
        ).json.status,
      ).toBe(0);
      expect(emulator.records('Contact').find((record) => record.Id === id)?.Title).toBe('Boss');
      expect(
        (await sf(['data', 'delete', 'record', '-o', 'emu', '-s', 'Contact', '-i', id])).json
          .status,
      ).toBe(0);
      expect(emulator.records('Contact').some((record) => record.Id === id)).toBe(false);
      const missing = await sf([
        'data',
        'create',
        'record',
        '-o',
        'emu',
        '-s',
        'Contact',
        '-v',
        'FirstName=NoLast',
      ]);
      expect(missing.code).not.toBe(0);
      expect(JSON.stringify(missing.json)).toContain('REQUIRED_FIELD_MISSING');
    });

    it('data import bulk, then a query finds the rows; data export bulk writes them', async () => {
      await writeFile(join(home, 'accounts.csv'), 'Name,Industry\nBulk A,Energy\nBulk B,Retail\n');
      const imported = await sf([
        'data',
        'import',
        'bulk',
        '-o',
        'emu',
        '--file',
        'accounts.csv',
        '--sobject',
        'Account',
        '--wait',
        '5',
      ]);
      expect(imported.json.result).toMatchObject({
        processedRecords: 2,
        successfulRecords: 2,
        failedRecords: 0,
      });
      const query = await sf([
        'data',
        'query',
        '-o',
        'emu',
        '-q',
        "SELECT Name FROM Account WHERE Name LIKE 'Bulk%' ORDER BY Name",
      ]);
      expect(query.json.result.records.map((record: { Name: string }) => record.Name)).toEqual([
        'Bulk A',
        'Bulk B',
      ]);
      const exported = await sf([
        'data',
        'export',
        'bulk',
        '-o',
        'emu',
        '--query',
        "SELECT Id, Name FROM Account WHERE Name LIKE 'Bulk%'",
        '--output-file',
        'out.csv',
        '--wait',
        '5',
      ]);
      expect(exported.json.result).toMatchObject({ totalSize: 2 });
      expect(await readFile(join(home, 'out.csv'), 'utf8')).toMatch(/"Bulk A"/);
    });

    it('sobject list and sobject describe', async () => {
      expect((await sf(['sobject', 'list', '-o', 'emu', '-s', 'all'])).json.result).toEqual(
        expect.arrayContaining(['Account', 'Contact']),
      );
      const described = await sf(['sobject', 'describe', '-o', 'emu', '-s', 'Contact']);
      expect(
        described.json.result.fields.find((field: { name: string }) => field.name === 'AccountId'),
      ).toMatchObject({
        referenceTo: ['Account'],
        relationshipName: 'Account',
      });
    });

    it('limits api display, org list metadata, api request rest', async () => {
      const limits = await sf(['limits', 'api', 'display', '-o', 'emu']);
      expect(limits.json.result.map((limit: { name: string }) => limit.name)).toContain(
        'DailyApiRequests',
      );
      const objects = await sf(['org', 'list', 'metadata', '-o', 'emu', '-m', 'CustomObject']);
      expect(objects.json.result.map((item: { fullName: string }) => item.fullName)).toContain(
        'Account',
      );
      const classes = await sf(['org', 'list', 'metadata', '-o', 'emu', '-m', 'ApexClass']);
      expect(classes.json.result).toEqual([]);
      const rest = (
        await sf(
          ['api', 'request', 'rest', '-o', 'emu', '/services/data/v62.0/sobjects/Account/describe'],
          false,
        )
      ).stdout;
      expect(JSON.parse(rest)).toMatchObject({ name: 'Account', keyPrefix: '001' });
    });

    it('apex run meets the documented not-supported fault, not a fake success', async () => {
      await writeFile(join(home, 'hello.apex'), "System.debug('hi');\n");
      const run = await sf(['apex', 'run', '-o', 'emu', '--file', 'hello.apex']);
      expect(run.code).not.toBe(0);
      expect(JSON.stringify(run.json)).toContain('FUNCTIONALITY_NOT_ENABLED');
    });
  },
);
