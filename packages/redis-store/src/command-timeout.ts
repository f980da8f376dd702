import type { RedisClient } from './redis-client.js';

const COMMANDS = new Set<PropertyKey>(['get', 'set', 'del', 'eval']);

/** A command that got no answer within `commandTimeoutMs` (a failing node, a failover). */
class RedisCommandTimeoutError extends Error {
  override readonly name = 'RedisCommandTimeoutError';
}

/**
 * The client with each command bounded by `ms`, whatever the client's own settings: an ioredis
 * Cluster or a client passed in may wait much longer for a node that died.
 */
export function withCommandTimeout(client: RedisClient, ms: number): RedisClient {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (!COMMANDS.has(property)) return value.bind(target);
      return (...args: unknown[]) => bounded(value.apply(target, args) as Promise<unknown>, ms);
    },
  });
}

function bounded<T>(command: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new RedisCommandTimeoutError(`Command timed out after ${ms} ms`)),
      ms,
    );
    timer.unref();
  });
  command.catch(() => {}); // answered after the timeout: nobody is waiting any more
  return Promise.race([command, timeout]).finally(() => clearTimeout(timer));
}
