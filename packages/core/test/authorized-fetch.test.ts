import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { authorizedFetch, JwtBearerStrategy } from '../src/index.js';
import { makeKeys, server, tokenBody, tokenEndpoint, useTokenServer } from './harness.js';

const LOGIN = 'https://login.salesforce.com';
const INSTANCE = 'https://acme.my.salesforce.com';
const keys = makeKeys();
const strategy = () =>
  new JwtBearerStrategy({
    clientId: '3MVG9-consumer-key',
    username: 'integration@acme.com',
    privateKey: keys.pkcs8,
    retry: false,
  });
const INVALID_SESSION = [
  { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
];

/** A REST API that takes only the live tokens; `expire()` ends them all. */
function restApi() {
  const live = new Set<string>();
  const seen: Array<{ token: string; body: string }> = [];
  server.use(
    http.post(`${LOGIN}/services/oauth2/token`, async () => {
      await delay(10);
      const body = tokenBody(INSTANCE);
      live.add(body.access_token);
      return HttpResponse.json(body);
    }),
    http.all(`${INSTANCE}/services/data/v62.0/*`, async ({ request }) => {
      const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
      seen.push({ token, body: await request.text() });
      if (!live.has(token)) return HttpResponse.json(INVALID_SESSION, { status: 401 });
      return HttpResponse.json({ ok: true });
    }),
  );
  return { seen, expire: () => live.clear() };
}

useTokenServer();

describe('authorizedFetch', () => {
  it('heals one expiry for 50 concurrent calls with one exchange', async () => {
    const api = restApi();
    const subject = strategy();
    const exchanges: string[] = [];
    subject.on('loginAttempt', ({ audience }) => exchanges.push(audience));
    const sfFetch = authorizedFetch(subject);
    expect((await sfFetch('/services/data/v62.0/limits')).status).toBe(200);
    api.expire();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => sfFetch('/services/data/v62.0/limits')),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    expect(exchanges).toHaveLength(2);
  });

  it('sends a POST body again on its one retry', async () => {
    const api = restApi();
    const sfFetch = authorizedFetch(strategy());
    await sfFetch('/services/data/v62.0/limits');
    api.expire();
    const response = await sfFetch(`${INSTANCE}/services/data/v62.0/sobjects/Account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'Acme' }),
    });
    expect(response.status).toBe(200);
    expect(api.seen.slice(-2).map((entry) => entry.body)).toEqual([
      '{"Name":"Acme"}',
      '{"Name":"Acme"}',
    ]);
  });

  it('refreshes at most once per call: a new token rejected again comes back as the 401', async () => {
    const requests = tokenEndpoint(LOGIN, () => HttpResponse.json(tokenBody(INSTANCE)));
    server.use(
      http.get(`${INSTANCE}/services/data/v62.0/limits`, () =>
        HttpResponse.json(INVALID_SESSION, { status: 401 }),
      ),
    );
    const response = await authorizedFetch(strategy())('/services/data/v62.0/limits');
    expect(response.status).toBe(401);
    expect(requests).toHaveLength(2);
  });

  it('does not refresh on a 401 a new token cannot fix', async () => {
    const requests = tokenEndpoint(LOGIN, () => HttpResponse.json(tokenBody(INSTANCE)));
    server.use(
      http.get(`${INSTANCE}/services/data/v62.0/limits`, () =>
        HttpResponse.json(
          [
            {
              message: 'This session is not valid for use with the REST API',
              errorCode: 'INVALID_AUTH_HEADER',
            },
          ],
          { status: 401 },
        ),
      ),
    );
    expect((await authorizedFetch(strategy())('/services/data/v62.0/limits')).status).toBe(401);
    expect(requests).toHaveLength(1);
  });

  it('refuses to send the token anywhere but its instance', async () => {
    tokenEndpoint(LOGIN, () => HttpResponse.json(tokenBody(INSTANCE)));
    await expect(
      authorizedFetch(strategy())('https://attacker.example/services/data/v62.0/limits'),
    ).rejects.toMatchObject({ code: 'invalid_config' });
  });
});
