// A Platform Event subscription over the Pub/Sub API that survives session expiry and outages.
import type { JwtBearerStrategy } from '@sf-jwt/core';
import { type SubscribeOptions, subscribe } from '@sf-jwt/pubsub';

const logger = console;

type Connection = Pick<SubscribeOptions, 'endpoint' | 'credentials' | 'channelOptions'>;

// `strategy`: your app's JwtBearerStrategy (see @sf-jwt/core), the one its REST calls use.
export async function listen(
  strategy: JwtBearerStrategy,
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
