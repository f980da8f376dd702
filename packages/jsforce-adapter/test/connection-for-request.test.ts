import type { IncomingHttpHeaders } from 'node:http';
import { SalesforceAuthError } from '@sf-jwt/core';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectionForRequest, ConnectionPool, connectionForRequest } from '../src/index.js';
import { caught, type Org, startOrg } from './harness.js';

interface FakeRequest {
  method?: string;
  headers: IncomingHttpHeaders;
}

let env: Org;
beforeAll(async () => {
  env = await startOrg({ usernames: ['jane@example.com', 'joe@example.com'] });
});
afterAll(() => env.emulator.stop());

const get = (user?: string): FakeRequest => ({
  method: 'GET',
  headers: user ? { 'x-user': user } : {},
});
const preflight: FakeRequest = {
  method: 'OPTIONS',
  headers: { 'access-control-request-method': 'POST', 'x-user': 'jane@example.com' },
};
const byHeader = (request: FakeRequest) => request.headers['x-user'] as string | undefined;
/** A thenable that is not a Promise, as some session stores return. */
const thenable = <T>(value: T): PromiseLike<T> => ({
  // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose.
  then: (onFulfilled, onRejected) => Promise.resolve(value).then(onFulfilled, onRejected),
});

/** What the function called back with, and whether it did so before returning. */
function call(connect: ConnectionForRequest<FakeRequest>, request: FakeRequest) {
  let synchronous = true;
  const answer = new Promise<{ error: unknown; connection?: Connection; synchronous: boolean }>(
    (resolve) =>
      connect(request, (error, connection) => resolve({ error, connection, synchronous })),
  );
  synchronous = false;
  return answer;
}

describe('connectionForRequest, the server side every framework package shares', () => {
  it('calls back at once, with one connection and no exchange, for a warm integration user', async () => {
    const connect = connectionForRequest<FakeRequest>({ source: env.config() });
    const first = await call(connect, get());
    expect(first).toMatchObject({ error: undefined, synchronous: false });
    const before = env.exchanges();
    const warm = await Promise.all(Array.from({ length: 10 }, () => call(connect, get())));
    expect(warm.every((each) => each.synchronous && each.connection === first.connection)).toBe(
      true,
    );
    expect(env.exchanges()).toBe(before);
  });

  it('resolves a subject returned now or as a thenable, each to its own user', async () => {
    const connect = connectionForRequest<FakeRequest>({
      source: env.config(),
      subject: (request) =>
        request.headers['x-later'] ? thenable(byHeader(request)) : byHeader(request),
    });
    const now = await call(connect, get('jane@example.com'));
    const later = await call(connect, { headers: { 'x-user': 'joe@example.com', 'x-later': '1' } });
    const names = await Promise.all(
      [now, later].map(async ({ connection }) => (await connection!.identity()).username),
    );
    expect(names).toEqual(['jane@example.com', 'joe@example.com']);
    expect(connect.connections.size).toBe(2);
  });

  it.each([
    ['undefined', () => undefined],
    ['an empty string', () => ''],
    ['a promise of nothing', async () => undefined],
  ])(
    'answers no_subject, with no exchange, for a subject that resolves to %s',
    async (_name, subject) => {
      const connect = connectionForRequest<FakeRequest>({ source: env.config(), subject });
      const before = env.exchanges();
      const { error, connection } = await call(connect, get('jane@example.com'));
      expect((error as SalesforceAuthError).code).toBe('no_subject');
      expect(connection).toBeUndefined();
      expect(env.exchanges()).toBe(before);
    },
  );

  it('calls back with the error of a subject resolver that throws or rejects', async () => {
    const boom = new Error('session store down');
    for (const subject of [
      () => {
        throw boom;
      },
      () => Promise.reject(boom),
    ]) {
      const connect = connectionForRequest<FakeRequest>({ source: env.config(), subject });
      expect((await call(connect, get())).error).toBe(boom);
    }
  });

  it('lets preflights and skipped requests through with nothing, unless passPreflight is false', async () => {
    const skipped = connectionForRequest<FakeRequest>({
      source: env.config(),
      subject: byHeader,
      skip: (request) => request.headers['x-health'] !== undefined,
    });
    const before = env.exchanges();
    for (const request of [preflight, { headers: { 'x-health': '1' } }]) {
      expect(await call(skipped, request)).toEqual({
        error: undefined,
        connection: undefined,
        synchronous: true,
      });
    }
    expect(env.exchanges()).toBe(before);
    const strict = connectionForRequest<FakeRequest>({
      source: env.config(),
      subject: byHeader,
      passPreflight: false,
    });
    expect((await call(strict, preflight)).connection).toBeDefined();
  });

  it('uses a given pool, and needs a source or connections', async () => {
    const connections = new ConnectionPool(env.config());
    expect(connectionForRequest({ connections }).connections).toBe(connections);
    const error = await caught(async () =>
      connectionForRequest({}, { name: 'myPlugin', usage: 'Pass { source }.' }),
    );
    expect(SalesforceAuthError.isInstance(error) && error.code).toBe('invalid_config');
  });

  it('fails a bad config at once with validateSource, and at the first request without', async () => {
    const bad = { ...env.config(), clientId: '3MVG9consumerKey\n' };
    const error = await caught(async () =>
      connectionForRequest({ source: bad, validateSource: true }),
    );
    expect((error as SalesforceAuthError).code).toBe('invalid_config');
    const lazy = connectionForRequest<FakeRequest>({ source: bad });
    expect(((await call(lazy, get())).error as SalesforceAuthError).code).toBe('invalid_config');
  });
});
