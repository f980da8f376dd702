// A Platform Event subscription that survives session expiry: the README's Streaming snippet.
import { JwtBearerStrategy } from '@sf-jwt/core';
import { createConnection, subscribe } from '@sf-jwt/jsforce-adapter';

const strategy = new JwtBearerStrategy({
  clientId: process.env.SF_CLIENT_ID ?? '',
  username: process.env.SF_USERNAME ?? '',
  privateKeyFile: process.env.SF_PRIVATE_KEY_FILE ?? './server.key',
  loginUrl: process.env.SF_LOGIN_URL,
});
const logger = console;
const handle = (payload: unknown) => logger.info('order event', payload);

export async function listen() {
  const conn = await createConnection(strategy);
  const orders = subscribe(conn, '/event/Order__e', (message) => handle(message.payload), {
    replayFrom: -2, // -1 only new events (default), -2 all retained, or a saved replay id
    onError: (error) => logger.error(error.code, error.hint), // it gave up: see below
  });
  await orders.ready;
  // later: orders.unsubscribe(); keep orders.lastReplayId to resume from it after a restart
  return orders;
}
