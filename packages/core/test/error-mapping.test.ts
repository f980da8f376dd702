import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SalesforceAuthError } from '../src/index.js';
import { codeForOAuthError } from '../src/internal.js';

// Every (error, error_description) pair of the Salesforce reference, with the code and a hint fragment.
const pairs: Array<[string, string, string, RegExp]> = [
  ['invalid_client_id', 'client identifier invalid', 'invalid_client_id', /Consumer Key/],
  ['invalid_client', 'invalid client credentials', 'invalid_client', /digital signatures/],
  ['invalid_grant', 'invalid assertion', 'invalid_assertion', /certificate/],
  ['invalid_grant', 'audience is invalid', 'invalid_audience', /test\.salesforce\.com/],
  ['invalid_grant', 'Audience validation failed', 'invalid_audience', /sandbox/],
  ['invalid_grant', 'expired authorization code', 'expired_assertion', /clock/],
  ['invalid_grant', "user hasn't approved this consumer", 'user_not_approved', /pre-authorized/],
  [
    'invalid_app_access',
    'user is not admin approved to access this app',
    'app_access_denied',
    /permission set/,
  ],
  [
    'app_not_found',
    'External client app is not installed in this org',
    'app_not_found',
    /My Domain/,
  ],
  ['invalid_grant', 'IP restricted or invalid login hours', 'ip_restricted', /IP/],
  ['inactive_user', 'user is inactive', 'inactive_user', /Reactivate/],
  ['inactive_org', 'organization is locked, closed, or suspended', 'inactive_org', /administrator/],
  ['invalid_grant', 'login rate exceeded', 'login_rate_exceeded', /hour/],
  ['rate_limit_exceeded', 'number of logins exceeded', 'login_rate_exceeded', /hour/],
  ['unsupported_grant_type', 'grant type not supported', 'unsupported_grant_type', /form/],
  ['invalid_grant', 'something new', 'invalid_grant', /Login History/],
  ['mystery_error', 'never seen', 'unknown_error', /Login History/],
];

describe('token endpoint errors map to stable codes and hints', () => {
  it.each(pairs)('%s / %s → %s', (error, description, code, hint) => {
    expect(codeForOAuthError(error, description)).toBe(code);
    const failure = new SalesforceAuthError({
      code: codeForOAuthError(error, description),
      status: 400,
      error,
      errorDescription: description,
    });
    expect(failure.hint).toMatch(hint);
    expect(failure.message).toMatch(/^\[sf-jwt\] /);
    // message says what failed, hint what to do; toString() gives both.
    expect(failure.message).not.toContain(failure.hint);
    expect(String(failure)).toBe(`SalesforceAuthError: ${failure.message}. ${failure.hint}`);
    expect(failure.message).toContain(description);
    expect(failure.retryable).toBe(false);
  });

  it('is recognised across package copies by its brand, not instanceof', () => {
    const error = new SalesforceAuthError({ code: 'timeout' });
    const foreign = Object.create(Object.getPrototypeOf(error));
    Object.defineProperty(foreign, Symbol.for('sf-jwt.SalesforceAuthError'), { value: true });
    expect(SalesforceAuthError.isInstance(foreign)).toBe(true);
    expect(SalesforceAuthError.isInstance(new Error('x'))).toBe(false);
    expect(SalesforceAuthError.isInstance(null)).toBe(false);
    expect(error.name).toBe('SalesforceAuthError');
    expect(error.retryable).toBe(true);
  });

  it('keeps the raw response non-enumerable and out of JSON and inspect', () => {
    const secretBody = '{"access_token":"00Dxx0000001gPF!AQsecretsecretsecret"}';
    const error = new SalesforceAuthError({
      code: 'invalid_response',
      response: secretBody,
      cause: new Error('boom'),
    });
    expect(error.response).toBe(secretBody);
    expect(Object.keys(error)).not.toContain('response');
    expect(JSON.stringify(error)).not.toContain('secret');
    expect(inspect(error)).not.toContain('secret');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('redacts session ids and JWTs that reach a message', () => {
    const error = new SalesforceAuthError({
      code: 'unknown_error',
      message:
        'saw 00Dxx0000001gPF!AQabcdefghijklmnop and eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln',
    });
    expect(error.message).not.toContain('AQabcdefghijklmnop');
    expect(error.message).not.toContain('eyJpc3MiOiJ4In0');
  });
});
