import { type JwtBearerConfig, JwtBearerStrategy } from '@sf-jwt/core';
import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '@sf-jwt/emulator';

export interface Org {
  org: TestOrg;
  emulator: RunningEmulator;
  strategy(overrides?: Partial<JwtBearerConfig>): JwtBearerStrategy;
  exchanges(): number;
}

/** A test org on a real emulator server, and strategies for its integration user. */
export async function startOrg(): Promise<Org> {
  const org = await createTestOrg({
    records: {
      Account: Array.from({ length: 7 }, (_, index) => ({ Name: `Account ${index}` })),
    },
    extra: { queryBatchSize: 3 },
  });
  const emulator = await startEmulator({ setup: org.setup });
  return {
    org,
    emulator,
    strategy: (overrides = {}) =>
      new JwtBearerStrategy({
        clientId: org.clientId,
        username: org.username,
        privateKey: org.privateKey,
        loginUrl: emulator.url,
        ...overrides,
      }),
    exchanges: () => emulator.stats().tokenExchanges,
  };
}
