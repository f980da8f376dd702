import * as grpc from '@grpc/grpc-js';
import { type JwtBearerConfig, JwtBearerStrategy } from '@sf-jwt/core';
import { type RunningEmulator, startTestOrg, type TestOrg } from '@sf-jwt/emulator';
import type { SubscribeOptions } from '../src/index.js';

export interface PubSubOrg {
  org: TestOrg;
  emulator: RunningEmulator;
  strategy(overrides?: Partial<JwtBearerConfig>): JwtBearerStrategy;
  /** endpoint, credentials and channel options for the emulator's Pub/Sub API (TLS, its own certificate). */
  connection: Pick<SubscribeOptions, 'endpoint' | 'credentials' | 'channelOptions'>;
  exchanges(): number;
}

/** A test org on a real emulator serving the Pub/Sub API, keep-alives every `keepAliveMs`. */
export async function startPubSubOrg(
  options: { keepAliveMs?: number; now?: () => number } = {},
): Promise<PubSubOrg> {
  const { org, emulator, config } = await startTestOrg({
    emulator: {
      pubsub: { keepAliveMs: options.keepAliveMs ?? 100 },
      ...(options.now ? { now: options.now } : {}),
    },
  });
  const pubsub = emulator.pubsub!;
  return {
    org,
    emulator,
    strategy: (overrides = {}) => new JwtBearerStrategy({ ...config, ...overrides }),
    connection: {
      endpoint: pubsub.endpoint,
      credentials: grpc.credentials.createSsl(Buffer.from(pubsub.certificate)),
      channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
    },
    exchanges: () => emulator.stats().tokenExchanges,
  };
}
