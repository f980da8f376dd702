import { createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '../src/index.js';
import { api, assertion, exchange } from './harness.js';

// An app set to "Issue JSON Web Token (JWT)-based access tokens", with a 10-minute token policy.
let org: TestOrg;
let emulator: RunningEmulator;
let clock = Date.now();

beforeAll(async () => {
  org = await createTestOrg({ accessTokenFormat: 'jwt', accessTokenLifetimeSeconds: 600 });
  emulator = await startEmulator({ setup: org.setup, now: () => clock });
});
afterAll(() => emulator.stop());

async function login(): Promise<{ token: string; identity: string }> {
  const { status, body } = await exchange(emulator.url, assertion(org));
  expect(status).toBe(200);
  return { token: body.access_token!, identity: body.id! };
}

function soapEnvelope(token: string, operation: string, namespace: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soapenv:Header><SessionHeader xmlns="${namespace}"><sessionId>${token}</sessionId></SessionHeader></soapenv:Header>` +
    `<soapenv:Body><${operation} xmlns="${namespace}"/></soapenv:Body></soapenv:Envelope>`
  );
}

async function soap(token: string, api: 'u' | 'm', version: string, operation: string) {
  const namespace =
    api === 'u' ? 'urn:partner.soap.sforce.com' : 'http://soap.sforce.com/2006/04/metadata';
  const response = await fetch(`${emulator.url}/services/Soap/${api}/${version}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml', soapaction: '""' },
    body: soapEnvelope(token, operation, namespace),
  });
  return { status: response.status, body: await response.text() };
}

describe('JWT-based access tokens from an app set to issue them', () => {
  it('issues an RS256 JWT with the documented header and claims, signed by the key at /id/keys', async () => {
    const { token, identity } = await login();
    const decoded = jwt.decode(token, { complete: true });
    expect(decoded?.header).toMatchObject({
      alg: 'RS256',
      typ: 'JWT',
      tty: 'sfdc-core-token',
      ver: '1.0',
    });
    const header = decoded!.header as unknown as Record<string, string>;
    const [, , orgId, userId] = new URL(identity).pathname.split('/');
    expect(header.tnk).toBe(`core/prod/${orgId}`);
    const keys = (await (await fetch(`${emulator.url}/id/keys`)).json()) as {
      keys: Array<{ kid: string }>;
    };
    const jwk = keys.keys.find((key) => key.kid === header.kid);
    expect(jwk).toBeDefined();
    const claims = jwt.verify(token, createPublicKey({ key: jwk!, format: 'jwk' }), {
      algorithms: ['RS256'],
      clockTimestamp: Math.floor(clock / 1000),
    }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: `uid:${userId}`, client_id: org.clientId, scp: 'api' });
    expect(claims.exp! - claims.iat!).toBe(600);
  });

  it('is accepted on REST', async () => {
    const { token } = await login();
    expect((await api(`${emulator.url}/services/data/v62.0/limits`, token)).status).toBe(200);
  });

  it('meets the invalid-session fault on SOAP and Metadata below v68.0, and works from v68.0', async () => {
    const { token } = await login();
    const partner62 = await soap(token, 'u', '62.0', 'getUserInfo');
    expect(partner62.status).toBe(500);
    expect(partner62.body).toContain('sf:INVALID_SESSION_ID');
    const metadata67 = await soap(token, 'm', '67.0', 'describeMetadata');
    expect(metadata67.body).toContain('sf:INVALID_SESSION_ID');
    const partner68 = await soap(token, 'u', '68.0', 'getUserInfo');
    expect(partner68.status).toBe(200);
    expect(partner68.body).toContain(org.username);
    const metadata68 = await soap(token, 'm', '68.0', 'describeMetadata');
    expect(metadata68.status).toBe(200);
    // Refused below v68.0 does not end the token: REST still takes it.
    expect((await api(`${emulator.url}/services/data/v62.0/limits`, token)).status).toBe(200);
  });

  it('meets InvalidSessionId on Bulk API 1.0 below v68.0, and not from v68.0', async () => {
    const { token } = await login();
    const job = (version: string) =>
      fetch(`${emulator.url}/services/async/${version}/job/750000000000001AAA`, {
        headers: { 'x-sfdc-session': token },
      }).then(async (response) => ({ status: response.status, body: await response.text() }));
    const below = await job('62.0');
    expect(below.status).toBe(400);
    expect(below.body).toContain('InvalidSessionId');
    expect((await job('68.0')).body).not.toContain('InvalidSessionId');
  });

  it('lives until its exp however often it is used, then meets INVALID_SESSION_ID', async () => {
    const { token } = await login();
    const limits = () => api(`${emulator.url}/services/data/v62.0/limits`, token);
    clock += 599_000;
    expect((await limits()).status).toBe(200);
    clock += 1_000;
    expect(await limits()).toMatchObject({
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID' }],
    });
  });

  it('an app left at the default still issues session ids', async () => {
    const opaque = await createTestOrg();
    const other = await startEmulator({ setup: opaque.setup });
    try {
      const { body } = await exchange(other.url, assertion(opaque));
      expect(body.access_token).toMatch(/^00D\w{12}!/);
    } finally {
      await other.stop();
    }
  });
});
