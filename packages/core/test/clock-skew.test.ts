import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { JwtBearerStrategy, type SalesforceAuthError } from '../src/index.js';
import { makeKeys, okToken, tokenEndpoint, useTokenServer } from './harness.js';

const keys = makeKeys();
const LOGIN = 'https://login.salesforce.com';
const SALESFORCE_NOW = Date.parse('2026-11-26T10:00:00Z');

useTokenServer();

// Salesforce's answer, dated by its own clock (the Date header has whole seconds).
const refused = (description: string) => () =>
  HttpResponse.json(
    { error: 'invalid_grant', error_description: description },
    { status: 400, headers: { date: new Date(SALESFORCE_NOW).toUTCString() } },
  );

function strategyAt(offsetMs: number) {
  return new JwtBearerStrategy({
    clientId: '3MVG9-consumer-key',
    username: 'integration@acme.com',
    privateKey: keys.pkcs8,
    retry: false,
    now: () => SALESFORCE_NOW + offsetMs,
  });
}

describe('clock skew', () => {
  it.each([
    [600_000, 'invalid assertion'],
    [-600_000, 'expired authorization code'],
    [600_000, 'something Salesforce has never said before'],
  ])(
    'names a local clock %i ms off as clock_skew with the offset (Salesforce said "%s")',
    async (offset, description) => {
      tokenEndpoint(LOGIN, refused(description));
      const strategy = strategyAt(offset);
      const results: unknown[] = [];
      strategy.on('loginResult', (event) => results.push(event));
      const error = (await strategy.getToken().catch((e: unknown) => e)) as SalesforceAuthError;
      expect(error).toMatchObject({
        code: 'clock_skew',
        error: 'invalid_grant',
        errorDescription: description,
        clockSkewMs: -offset,
        retryable: false,
      });
      expect(error.toJSON()).toMatchObject({ clockSkewMs: -offset });
      expect(results).toEqual([
        expect.objectContaining({ code: 'clock_skew', clockSkewMs: -offset }),
      ]);
    },
  );

  it('leaves a refusal with the clocks 30 s apart as Salesforce named it', async () => {
    tokenEndpoint(LOGIN, refused('invalid assertion'));
    await expect(strategyAt(30_000).getToken()).rejects.toMatchObject({
      code: 'invalid_assertion',
    });
  });

  it('does not look at the Date header of a success', async () => {
    tokenEndpoint(LOGIN, () => {
      const response = okToken();
      response.headers.set('date', new Date(SALESFORCE_NOW).toUTCString());
      return response;
    });
    await expect(strategyAt(600_000).getToken()).resolves.toBeTruthy();
  });
});
