import { delay, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { exchangeAssertion, SalesforceAuthError } from '../src/index.js';
import { ORG_ID, okToken, tokenBody, tokenEndpoint, USER_ID, useTokenServer } from './harness.js';

const LOGIN = 'https://login.salesforce.com';
const fast = { retries: 3, minTimeoutMs: 1, maxTimeoutMs: 5, maxRetryTimeMs: 2000 };
const ASSERTION = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl';

useTokenServer();

async function failure(promise: Promise<unknown>): Promise<SalesforceAuthError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(SalesforceAuthError.isInstance(error)).toBe(true);
  return error as SalesforceAuthError;
}

describe('exchangeAssertion', () => {
  it('posts the JWT bearer grant as a form and returns a typed token', async () => {
    const requests = tokenEndpoint(LOGIN, () =>
      HttpResponse.json({
        ...tokenBody(),
        sfdc_site_url: 'https://acme.my.site.com/p',
        sfdc_site_id: '0DM',
      }),
    );
    const token = await exchangeAssertion(ASSERTION, { loginUrl: LOGIN, now: () => 1234 });
    expect(requests).toEqual([
      {
        assertion: ASSERTION,
        grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        contentType: 'application/x-www-form-urlencoded',
      },
    ]);
    expect(token).toMatchObject({
      instanceUrl: 'https://acme.my.salesforce.com',
      organizationId: ORG_ID,
      userId: USER_ID,
      scope: 'api',
      tokenType: 'Bearer',
      issuedAt: 1234,
      siteUrl: 'https://acme.my.site.com/p',
      siteId: '0DM',
    });
  });

  it.each([
    [
      'a 503 HTML maintenance page',
      () => new HttpResponse('<html>Down for maintenance</html>', { status: 503 }),
    ],
    ['a 500', () => HttpResponse.json({ error: 'server_error' }, { status: 500 })],
    ['a 429', () => new HttpResponse('slow down', { status: 429 })],
    ['a 200 HTML page', () => new HttpResponse('<html>captive</html>', { status: 200 })],
    ['a network error', () => HttpResponse.error()],
  ])('retries %s and then succeeds', async (_name, transient) => {
    const requests = tokenEndpoint(LOGIN, (_request, index) =>
      index < 2 ? transient() : okToken(),
    );
    const token = await exchangeAssertion(ASSERTION, { loginUrl: LOGIN, retry: fast });
    expect(token.organizationId).toBe(ORG_ID);
    expect(requests).toHaveLength(3);
  });

  it('gives up after the bounded number of retries with the transient code', async () => {
    const requests = tokenEndpoint(LOGIN, () => new HttpResponse('<html/>', { status: 503 }));
    const error = await failure(exchangeAssertion(ASSERTION, { loginUrl: LOGIN, retry: fast }));
    expect(error.code).toBe('server_error');
    expect(error.status).toBe(503);
    expect(requests).toHaveLength(4);
  });

  it.each([
    ['invalid_grant', 'invalid assertion', 'invalid_assertion'],
    ['invalid_grant', "user hasn't approved this consumer", 'user_not_approved'],
    ['invalid_client_id', 'client identifier invalid', 'invalid_client_id'],
    ['invalid_app_access', 'user is not admin approved to access this app', 'app_access_denied'],
    ['invalid_grant', 'login rate exceeded', 'login_rate_exceeded'],
  ])('makes exactly one request for the permanent %s / %s', async (error, description, code) => {
    const requests = tokenEndpoint(LOGIN, () =>
      HttpResponse.json({ error, error_description: description }, { status: 400 }),
    );
    const thrown = await failure(exchangeAssertion(ASSERTION, { loginUrl: LOGIN, retry: fast }));
    expect(thrown.code).toBe(code);
    expect(thrown.status).toBe(400);
    expect(thrown.error).toBe(error);
    expect(thrown.errorDescription).toBe(description);
    expect(requests).toHaveLength(1);
  });

  it('ends a hung token endpoint in a timeout error, not a hang', async () => {
    const requests = tokenEndpoint(LOGIN, async () => {
      await delay('infinite');
      return okToken();
    });
    const error = await failure(
      exchangeAssertion(ASSERTION, {
        loginUrl: LOGIN,
        timeoutMs: 50,
        retry: { ...fast, retries: 1 },
      }),
    );
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(requests).toHaveLength(2);
  });

  it('refuses an instance_url outside Salesforce before the token is ever used', async () => {
    tokenEndpoint(LOGIN, () => HttpResponse.json(tokenBody('https://evil.example.com')));
    const error = await failure(exchangeAssertion(ASSERTION, { loginUrl: LOGIN, retry: fast }));
    expect(error.code).toBe('untrusted_instance_url');
    expect(error.message).toContain('evil.example.com');
    expect(error.message).not.toContain('!AQ');
  });

  it('accepts an extra trusted host when configured', async () => {
    tokenEndpoint(LOGIN, () => HttpResponse.json(tokenBody('https://sf.edge.acme.com')));
    const token = await exchangeAssertion(ASSERTION, {
      loginUrl: LOGIN,
      trustedHosts: ['edge.acme.com'],
    });
    expect(token.instanceUrl).toBe('https://sf.edge.acme.com');
  });

  it.each([
    ['an oversized body', () => new HttpResponse('x'.repeat(200_000), { status: 200 })],
    ['a JSON array', () => HttpResponse.json([1, 2])],
    ['a token without instance_url', () => HttpResponse.json({ access_token: 'x', id: 'y' })],
    [
      'a redirect',
      () =>
        new HttpResponse(null, { status: 302, headers: { location: 'https://evil.example.com' } }),
    ],
  ])('reports %s as invalid_response without retrying', async (_name, answer) => {
    const requests = tokenEndpoint(LOGIN, answer);
    const error = await failure(exchangeAssertion(ASSERTION, { loginUrl: LOGIN, retry: fast }));
    expect(error.code).toBe('invalid_response');
    expect(requests).toHaveLength(1);
  });
});
