import { type AuthStrategy, type JwtBearerConfig, SalesforceAuthError } from '@sf-jwt/core';
import { isAuthStrategy, toAuthStrategy } from '@sf-jwt/core/internal';
import { type CreateConnectionOptions, createConnection } from '@sf-jwt/jsforce-adapter';
import type { Connection } from 'jsforce';
import { LRUCache } from 'lru-cache';

/** Where each subject's strategy comes from: a strategy, a base config, or a factory. */
export type StrategySource =
  | AuthStrategy
  | JwtBearerConfig
  | ((subject: string) => AuthStrategy | JwtBearerConfig);

/** Bounds of the per-subject cache. */
export interface PoolOptions {
  /** Most subjects kept at once (default 500); the least recently used is dropped. */
  maxSubjects?: number;
  /** Drop a subject unused for this long, in ms (default 30 minutes). */
  idleMs?: number;
  /** Options for each jsforce Connection (version, loop guard, ...). */
  connection?: CreateConnectionOptions;
}

interface Entry {
  pending: Promise<Connection>;
  connection?: Connection;
}

/**
 * One strategy and one connection per subject, in a bounded LRU. Creation is single flight per
 * subject: concurrent first requests share one token exchange, and an entry is only ever read
 * under its own subject's key, so no request can see another subject's connection.
 * @example
 * ```ts
 * const pool = new ConnectionPool(baseConfig, { maxSubjects: 100 });
 * const conn = await pool.get('jane@acme.com');
 * ```
 */
export class ConnectionPool {
  readonly #entries: LRUCache<string, Entry>;
  // Kept apart from the connections: a subject whose login failed keeps its strategy, and with it
  // the login budget's memory of the failure, so its next requests do not log in again.
  readonly #strategies: LRUCache<string, AuthStrategy>;
  readonly #source: StrategySource;
  readonly #connectionOptions: CreateConnectionOptions;

  constructor(source: StrategySource, options: PoolOptions = {}) {
    this.#source = source;
    this.#connectionOptions = options.connection ?? {};
    const bounds = {
      max: options.maxSubjects ?? 500,
      ttl: options.idleMs ?? 30 * 60_000,
      ttlAutopurge: true,
      updateAgeOnGet: true,
    };
    this.#entries = new LRUCache<string, Entry>(bounds);
    this.#strategies = new LRUCache<string, AuthStrategy>(bounds);
  }

  /** Subjects held now. */
  get size(): number {
    return this.#entries.size;
  }

  /** The connection for a subject (`''` for the single integration user), created once. */
  get(subject: string): Connection | Promise<Connection> {
    const entry = this.#entries.get(subject);
    if (entry) return entry.connection ?? entry.pending;
    const created: Entry = { pending: this.#create(subject) };
    this.#entries.set(subject, created);
    created.pending.then(
      (connection) => {
        created.connection = connection;
      },
      () => {
        // A failed creation is not cached: the next request tries again.
        if (this.#entries.peek(subject) === created) this.#entries.delete(subject);
      },
    );
    return created.pending;
  }

  clear(): void {
    this.#entries.clear();
    this.#strategies.clear();
  }

  async #create(subject: string): Promise<Connection> {
    return createConnection(this.#strategyFor(subject), this.#connectionOptions);
  }

  #strategyFor(subject: string): AuthStrategy {
    let strategy = this.#strategies.get(subject);
    if (!strategy) {
      strategy = this.#buildStrategy(subject);
      this.#strategies.set(subject, strategy);
    }
    return strategy;
  }

  #buildStrategy(subject: string): AuthStrategy {
    const source = this.#source;
    if (typeof source === 'function') return toAuthStrategy(source(subject));
    if (subject === '') return toAuthStrategy(source);
    if (isAuthStrategy(source)) {
      throw new SalesforceAuthError({
        code: 'invalid_config',
        message: 'A per-request subject needs a config or a factory, not a single strategy',
        hint: 'Pass a JwtBearerConfig (its username is replaced by the subject) or (subject) => strategy.',
      });
    }
    return toAuthStrategy({ ...source, username: subject });
  }
}
