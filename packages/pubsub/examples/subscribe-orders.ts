// A Platform Event subscription over the Pub/Sub API that survives session expiry and outages.
import { JwtBearerStrategy } from '@sf-jwt/core';
import { type SubscribeOptions, subscribe } from '@sf-jwt/pubsub';

const strategy = new JwtBearerStrategy({
  clientId: process.env.SF_CLIENT_ID ?? '',
  username: process.env.SF_USERNAME ?? '',
  privateKeyFile: process.env.SF_PRIVATE_KEY_FILE ?? './server.key',
  loginUrl: process.env.SF_LOGIN_URL,
});
const logger = console;

type Connection = Pick<SubscribeOptions, 'endpoint' | 'credentials' | 'channelOptions'>;

export async function listen(
  handle: (payload: Record<string, unknown>) => void,
  connection: Connection = {},
) {
  const orders = subscribe({
    strategy, // the same strategy as your REST calls: one exchange per expiry for both
    topic: '/event/Order__e',
    replayFrom: 'LATEST', // 'EARLIEST', or a saved lastReplayId (bytes) to resume after it
    onEvent: (event) => handle(event.payload),
    onError: (error) => logger.error(error.code, error.hint), // it gave up: see below
    ...connection, // default: api.pubsub.salesforce.com:7443 with the system's TLS roots
  });
  await orders.ready;
  // later: orders.close(); keep orders.lastReplayId to resume from it after a restart
  return orders;
}
