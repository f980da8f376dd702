// The store each process of the contract's fleet makes (see redis-store-contract.test.ts).
import { RedisTokenStore } from '../src/index.js';

export function createStore(): RedisTokenStore {
  return new RedisTokenStore({
    redis: process.env.CONTRACT_REDIS_URL!,
    prefix: 'contract:',
    // Generous: eight processes start at once on a 2-core machine.
    commandTimeoutMs: 5000,
    logger: { warn: () => {} },
  });
}
