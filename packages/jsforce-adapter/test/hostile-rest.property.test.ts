import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthStrategy, SalesforceToken } from '@sf-jwt/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from '../src/index.js';

// A loopback server that answers each API call with whatever the property chose.
let next = { status: 200, body: '{}', type: 'application/json' };
let server: Server;
let url: string;
let counter = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(next.status, { 'content-type': next.type }).end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function strategy(): AuthStrategy & { refreshes: number } {
  const token = (): SalesforceToken => {
    counter += 1;
    return {
      accessToken: `00D000000000001!AQ${counter}`,
      instanceUrl: url,
      id: `${url}/id/00D000000000001AAA/005000000000001AAA`,
      organizationId: '00D000000000001AAA',
      userId: '005000000000001AAA',
      tokenType: 'Bearer',
      issuedAt: Date.now(),
    };
  };
  const current = token();
  return {
    name: 'fixed',
    refreshes: 0,
    getToken: async () => current,
    async refresh() {
      this.refreshes += 1;
      return token();
    },
  };
}

const body = fc.oneof(
  fc.string(),
  fc.json(),
  fc.json().map((json) => json.slice(0, Math.max(0, json.length - 2))),
  fc.constant('[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]'),
  fc.constant(
    '[{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}]',
  ),
  fc.constant('<html>maintenance</html>'),
  fc.constant('{"totalSize":1,"done":true,"records":[{"Id":"001"}]}'),
  fc.constant('x'.repeat(200_000)),
);
// 5xx and 429 are left out: jsforce retries those itself, for seconds, by design.
const status = fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 409);
const type = fc.constantFrom('application/json', 'text/html', 'text/plain', 'application/xml');

describe('the adapter under hostile API responses', () => {
  it('always settles, never loops: at most one refresh per failed request', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await fc.assert(
        fc.asyncProperty(status, body, type, async (code, text, contentType) => {
          next = { status: code, body: code === 204 ? '' : text, type: contentType };
          const auth = strategy();
          const conn = await createConnection(auth);
          const settled = await Promise.race([
            Promise.resolve(conn.query('SELECT Id FROM Account')).then(
              () => 'resolved',
              () => 'rejected',
            ),
            new Promise((resolve) => setTimeout(() => resolve('hung'), 5000)),
          ]);
          expect(settled).not.toBe('hung');
          expect(auth.refreshes).toBeLessThanOrEqual(1);
        }),
        { numRuns: 80 },
      );
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  }, 120_000);
});
