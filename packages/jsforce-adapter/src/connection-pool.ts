import {
  type AuthStrategy,
  type JwtBearerConfig,
  loadPrivateKey,
  SalesforceAuthError,
} from '@sf-jwt/core';
import { isAuthStrategy, toAuthStrategy } from '@sf-jwt/core/internal';
import type { Connection } from 'jsforce';
import { LRUCache } from 'lru-cache';
import { type CreateConnectionOptions, createConnection } from './create-connection.js';

/**
 * Where each subject's strategy comes from: a strategy (one integration user), a base config
 * (its `username` replaced by the subject), or a factory.
 * @example
 * ```ts
 * const source: StrategySource = (subject) => ({ ...baseConfig, username: subject });
 * ```
 */
export type StrategySource =
  | AuthStrategy
  | JwtBearerConfig
  | ((subject: string) => AuthStrategy | JwtBearerConfig);

/**
 * Bounds of a {@link ConnectionPool}.
 * @example
 * ```ts
 * const options: PoolOptions = { maxSubjects: 1000, idleMs: 10 * 60_000, connection: { version: '62.0' } };
 * ```
 */
export interface PoolOptions {
  /**
   * Most subjects kept at once; the least recently used is dropped.
   * @defaultValue 500
   */
  maxSubjects?: number;
  /**
   * A subject with no traffic for this long (ms) is freed, connection and strategy.
   * @defaultValue 1800000 (30 minutes)
   */
  idleMs?: number;
  /** Options for each jsforce Connection (version, loop guard, ...). */
  connection?: CreateConnectionOptions;
}

interface Entry {
  pending: Promise<Connection>;
  connection?: Connection;
}

/**
 * One strategy and one jsforce Connection per subject, in a bounded LRU, for any framework.
 * Creation is single flight per subject (concurrent first requests share one token exchange), and
 * an entry is only ever read under its own subject's key, so no caller sees another subject's
 * connection. A subject idle for `idleMs` is freed; with a base config, the private key is read
 * and parsed once for the whole pool; a subject whose login failed keeps its strategy, and with
 * it the login budget's memory of the failure.
 *
 * @example
 * ```ts
 * const pool = new ConnectionPool(
 *   { clientId, username: 'unused', privateKeyFile: './server.key', loginUrl },
 *   { maxSubjects: 1000, idleMs: 10 * 60_000 },
 * );
 * const conn = await pool.get('jane@acme.com'); // '' for the config's own username
 * const { records } = await conn.query('SELECT Id FROM Account');
 * ```
 */
export class ConnectionPool {
  readonly #entries: LRUCache<string, Entry>;
  // Kept apart from the connections: a subject whose login failed keeps its strategy, and with it
  // the login budget's memory of the failure, so its next requests do not log in again.
  readonly #strategies: LRUCache<string, AuthStrategy>;
  readonly #source: StrategySource;
  readonly #connectionOptions: CreateConnectionOptions;
  #baseConfig: JwtBearerConfig | undefined;

  constructor(source: StrategySource, options: PoolOptions = {}) {
    this.#source = source;
    this.#connectionOptions = options.connection ?? {};
    const bounds = {
      max: options.maxSubjects ?? 500,
      ttl: options.idleMs ?? 30 * 60_000,
      // Without autopurge an idle subject would stay until maxSubjects pushed it out.
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
    if (entry) {
      this.#strategies.get(subject); // traffic keeps the subject's failure memory alive too
      return entry.connection ?? entry.pending;
    }
    const created: Entry = { pending: this.#create(subject) };
    this.#entries.set(subject, created);
    created.pending.then(
      (connection) => {
        created.connection = connection;
      },
      () => {
        // A failed creation is not cached: the next request tries again (within the budget).
        if (this.#entries.peek(subject) === created) this.#entries.delete(subject);
      },
    );
    return created.pending;
  }

  /** Frees every subject (connections and strategies). */
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
    if (isAuthStrategy(source)) {
      if (subject === '') return source;
      throw new SalesforceAuthError({
        code: 'invalid_config',
        message: 'A per-request subject needs a config or a factory, not a single strategy',
        hint: 'Pass a JwtBearerConfig (its username is replaced by the subject) or (subject) => strategy.',
      });
    }
    const base = this.#parsedBase(source);
    return toAuthStrategy(subject === '' ? base : { ...base, username: subject });
  }

  /** The base config with its key parsed once: every subject shares one KeyObject. */
  #parsedBase(source: JwtBearerConfig): JwtBearerConfig {
    if (this.#baseConfig) return this.#baseConfig;
    if (source.signer) return source;
    // A bad key throws invalid_config here, on each request, until it is fixed (nothing is cached).
    const { privateKeyFile: _file, passphrase: _passphrase, ...rest } = source;
    this.#baseConfig = { ...rest, privateKey: loadPrivateKey(source) };
    return this.#baseConfig;
  }
}
