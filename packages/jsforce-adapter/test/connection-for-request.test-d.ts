import type { IncomingMessage } from 'node:http';
import type { Connection } from 'jsforce';
import { expectTypeOf, test } from 'vitest';
import {
  type ConnectionCallback,
  type ConnectionForRequest,
  type ConnectionPool,
  connectionForRequest,
} from '../src/index.js';

const source = { clientId: 'id', username: 'u@example.com', privateKey: 'pem' };

test('the subject resolver and skip receive the request type given, Node or a framework', () => {
  const connect = connectionForRequest<IncomingMessage>({
    source,
    subject: (request) => {
      expectTypeOf(request).toEqualTypeOf<IncomingMessage>();
      return request.headers['x-user'] as string | undefined;
    },
    skip: (request) => request.url === '/health',
  });
  expectTypeOf(connect).toEqualTypeOf<ConnectionForRequest<IncomingMessage>>();
  expectTypeOf(connect.connections).toEqualTypeOf<ConnectionPool>();
  expectTypeOf<Parameters<typeof connect>>().toEqualTypeOf<[IncomingMessage, ConnectionCallback]>();
});

test('the subject may answer later, and the callback gets a jsforce Connection', () => {
  connectionForRequest<{ headers: Record<string, string> }>({
    source,
    subject: async (request) => request.headers.user,
  })({ headers: {} }, (_error, connection) => {
    expectTypeOf(connection).toEqualTypeOf<Connection | undefined>();
  });
  // @ts-expect-error: a subject is a username, not a number.
  connectionForRequest<IncomingMessage>({ source, subject: () => 42 });
  // @ts-expect-error: a request needs its headers (a preflight is read from them).
  connectionForRequest<{ method: string }>({ source });
});
