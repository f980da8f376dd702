import fc from 'fast-check';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { exchangeAssertion, SalesforceAuthError } from '../src/index.js';
import { server, tokenBody, tokenEndpoint, useTokenServer } from './harness.js';

const LOGIN = 'https://login.salesforce.com';
const ASSERTION = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl';
const retry = { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 2, maxRetryTimeMs: 200 };
const RUNS = 150;

useTokenServer();

// Bodies a broken proxy, a maintenance page or a hostile endpoint might send.
const hostileBody = fc.oneof(
  fc.string(),
  fc.json().map((json) => json.slice(0, Math.max(0, json.length - 3))), // truncated JSON
  fc.json(),
  fc.constant('<html><body>Maintenance</body></html>'),
  fc.constant('x'.repeat(100_000)), // huge
  fc
    .record({ access_token: fc.anything(), instance_url: fc.anything(), id: fc.anything() })
    .map((body) => JSON.stringify(body)),
  fc
    .record({ error: fc.anything(), error_description: fc.anything() })
    .map((body) => JSON.stringify(body)),
  fc.constantFrom(
    JSON.stringify({ ...tokenBody(), instance_url: 'https://evil.example.com' }),
    JSON.stringify({ ...tokenBody(), instance_url: 'javascript:alert(1)' }),
    JSON.stringify({ ...tokenBody(), id: 'https://login.salesforce.com/id/x/y' }),
    JSON.stringify({ ...tokenBody(), access_token: 42 }),
  ),
  fc.constant(JSON.stringify(tokenBody())),
);
const status = fc.oneof(
  fc.constantFrom(200, 400, 401, 403, 404, 429, 500, 502, 503),
  fc.integer({ min: 200, max: 599 }),
);
const contentType = fc.constantFrom(
  'application/json',
  'text/html',
  'text/plain',
  'application/octet-stream',
);

describe('the exchanger under hostile token-endpoint responses', () => {
  it('always ends in a valid token or a typed error, never a crash or a hang', async () => {
    const outcomes = { token: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(hostileBody, status, contentType, async (body, code, type) => {
        server.resetHandlers();
        tokenEndpoint(
          LOGIN,
          () =>
            new HttpResponse(code === 204 || code === 205 || code === 304 ? null : body, {
              status: code,
              headers: { 'content-type': type },
            }),
        );
        const result = await exchangeAssertion(ASSERTION, {
          loginUrl: LOGIN,
          retry,
          timeoutMs: 500,
        }).then(
          (token) => ({ token }),
          (error: unknown) => ({ error }),
        );
        if ('token' in result) {
          outcomes.token += 1;
          expect(typeof result.token.accessToken).toBe('string');
          expect(result.token.instanceUrl).toMatch(/^https:\/\/[^/]*salesforce\.com/);
        } else {
          outcomes.error += 1;
          expect(SalesforceAuthError.isInstance(result.error)).toBe(true);
          expect((result.error as SalesforceAuthError).message.length).toBeLessThan(2000);
        }
      }),
      { numRuns: RUNS },
    );
    expect(outcomes.token + outcomes.error).toBe(RUNS);
    expect(outcomes.error).toBeGreaterThan(0);
  });

  it('ends a slow-drip body in a timeout error', async () => {
    tokenEndpoint(LOGIN, () => {
      const stream = new ReadableStream({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          controller.enqueue(new TextEncoder().encode(' '));
        },
      });
      return new HttpResponse(stream, {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    });
    const error = await exchangeAssertion(ASSERTION, {
      loginUrl: LOGIN,
      retry: false,
      timeoutMs: 300,
    }).catch((thrown: unknown) => thrown);
    expect(SalesforceAuthError.isInstance(error) && error.code).toBe('timeout');
  });
});
