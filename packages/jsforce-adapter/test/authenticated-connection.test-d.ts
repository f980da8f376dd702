import type { SalesforceAuthError } from '@sf-jwt/core';
import jsforce, { type Connection } from 'jsforce';
import { expectTypeOf, test } from 'vitest';
import {
  type AuthenticatedConnection,
  attach,
  createConnection,
  type HealingSubscription,
  subscribe,
} from '../src/index.js';

const config = { clientId: 'id', username: 'u@example.com', privateKey: 'pem' };

test('attach keeps the type of the Connection it is given, and adds userInfo', async () => {
  class AppConnection extends jsforce.Connection {
    appName = 'reports';
  }
  const conn = await attach(new AppConnection(), config);
  expectTypeOf(conn).toEqualTypeOf<AuthenticatedConnection<AppConnection>>();
  expectTypeOf(conn.appName).toEqualTypeOf<string>();
  expectTypeOf(conn.userInfo.organizationId).toEqualTypeOf<string>();
  // @ts-expect-error: attach heals a jsforce Connection, not any object.
  await attach({ query: () => undefined }, config);
});

test('createConnection resolves to an authenticated plain Connection', async () => {
  const conn = await createConnection(config, { version: '62.0' });
  expectTypeOf(conn).toEqualTypeOf<AuthenticatedConnection<Connection>>();
  expectTypeOf<AuthenticatedConnection>().toEqualTypeOf<AuthenticatedConnection<Connection>>();
  expectTypeOf(conn).toExtend<Connection>();
});

test('subscribe hands each event with its replay id, and its errors typed', async () => {
  const conn = await createConnection(config);
  const orders = subscribe(
    conn,
    '/event/Order__e',
    (message) => expectTypeOf(message.event.replayId).toEqualTypeOf<number>(),
    { onError: (error) => expectTypeOf(error).toEqualTypeOf<SalesforceAuthError>() },
  );
  expectTypeOf(orders).toEqualTypeOf<HealingSubscription>();
  expectTypeOf(orders.lastReplayId).toEqualTypeOf<number | undefined>();
});
