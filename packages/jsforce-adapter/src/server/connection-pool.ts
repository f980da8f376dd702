import {
  type AuthStrategy,
  type JwtBearerConfig,
  JwtBearerStrategy,
  SalesforceAuthError,
} from '@sf-jwt/core';
import { isAuthStrategy, toAuthStrategy } from '@sf-jwt/core/internal';
import type { Connection } from 'jsforce';
import { LRUCache } from 'lru-cache';
import { type CreateConnectionOptions, createConnection } from '../create-connection.js';

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
   * Most subjects kept at once; the least recently used is dropped. As many subjects evicted
   * while their last login had failed are remembered apart (their strategies only), so that
   * cycling more subjects than slots never reopens a failure window.
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

// How many subjects evicted with a failed login the pool remembers, per subject slot.
const REMEMBERED_PER_SLOT = 1;

interface Entry {
  readonly strategy: AuthStrategy;
  // The connection once made; its promise while it is being made; nothing after a failed login
  // (the entry then keeps the strategy, and with it the login budget's memory of the failure).
  value: Connection | Promise<Connection> | undefined;
}

/**
 * One strategy and one jsforce Connection per subject, in a bounded LRU, for any framework.
 * Creation is single flight per subject (concurrent first requests share one token exchange), and
 * an entry is only ever read under its own subject's key, so no caller sees another subject's
 * connection. A subject idle for `idleMs` is freed (one unreferenced timer per pool, set for
 * the least recently used subject's expiry); with a base config, the config is validated and the private
 * key read and parsed once for the whole pool (see `JwtBearerStrategy.forUser`); a subject whose
 * login failed keeps its strategy, and with it the login budget's memory of the failure.
 *
 * @example
 * ```ts
 * const pool = new ConnectionPool(
 *   { clientId, username: 'integration@acme.com', privateKeyFile: './server.key', loginUrl },
 *   { maxSubjects: 1000, idleMs: 10 * 60_000 },
 * );
 * const conn = await pool.get('jane@acme.com'); // '' for the config's own username
 * const { records } = await conn.query('SELECT Id FROM Account');
 * ```
 */
export class ConnectionPool {
  readonly #entries: LRUCache<string, Entry>;
  // Subjects evicted while their last login had failed, with their strategies (and so their
  // login policy's failure memory): evicting a subject never reopens its failure window.
  readonly #failed: LRUCache<string, Entry>;
  readonly #source: StrategySource;
  readonly #connectionOptions: CreateConnectionOptions;
  #sweeper: ReturnType<typeof setTimeout> | undefined;
  #template: JwtBearerStrategy | undefined;

  constructor(source: StrategySource, options: PoolOptions = {}) {
    this.#source = source;
    this.#connectionOptions = options.connection ?? {};
    // No ttlAutopurge: it sets a timer per subject (about 200 bytes each); see #sweepSoon.
    const max = options.maxSubjects ?? 500;
    this.#failed = new LRUCache<string, Entry>({ max: max * REMEMBERED_PER_SLOT });
    this.#entries = new LRUCache<string, Entry>({
      max,
      ttl: options.idleMs ?? 30 * 60_000,
      updateAgeOnGet: true,
      dispose: (entry, subject, reason) => {
        if (reason === 'evict' && entry.value === undefined) this.#failed.set(subject, entry);
      },
    });
  }

  /** Subjects held now (with a connection, one being made, or a remembered login failure). */
  get size(): number {
    return this.#entries.size;
  }

  /** The connection for a subject (`''` for the single integration user), created once. */
  get(subject: string): Connection | Promise<Connection> {
    let entry = this.#entries.get(subject);
    if (entry?.value) return entry.value;
    if (!entry) {
      entry = this.#failed.get(subject);
      if (entry) {
        this.#failed.delete(subject);
        this.#entries.set(subject, entry);
        this.#sweepSoon();
      }
    }
    if (!entry) {
      let strategy: AuthStrategy;
      try {
        strategy = this.#strategyFor(subject);
      } catch (error) {
        return Promise.reject(error);
      }
      entry = { strategy, value: undefined };
      this.#entries.set(subject, entry);
      this.#sweepSoon();
    }
    const created = entry;
    const pending = createConnection(created.strategy, this.#connectionOptions);
    created.value = pending;
    pending.then(
      (connection) => {
        if (created.value === pending) created.value = connection;
      },
      () => {
        // A failed creation is not cached: the next request tries again (within the budget).
        if (created.value === pending) created.value = undefined;
      },
    );
    return pending;
  }

  /**
   * Forgets the login failure remembered for a subject (`''` for the integration user), here and
   * in a shared store, so its next request logs in at once: call it after fixing the setup that
   * failed (the hint of a remembered failure says so). A no-op for a strategy without it.
   * @example
   * ```ts
   * await pool.clearLoginFailure('jane@acme.com');
   * ```
   */
  async clearLoginFailure(subject = ''): Promise<void> {
    const strategy = this.#entries.peek(subject)?.strategy ?? this.#strategyFor(subject);
    await (strategy as { clearLoginFailure?: () => Promise<void> }).clearLoginFailure?.();
  }

  /** Frees every subject (connections and strategies) and stops the idle timer. */
  clear(): void {
    this.#entries.clear();
    this.#failed.clear();
    clearTimeout(this.#sweeper);
    this.#sweeper = undefined;
  }

  /*
   * One timer per pool frees idle subjects. Every get() renews a subject's age, so the least
   * recently used subject is also the next to expire: the timer is set for its expiry, purges
   * whatever is stale, and is set again for the new least recently used one. It never keeps the
   * process alive and is not set while the pool is empty, so a pool the application drops is
   * collected once its subjects have gone idle.
   */
  #sweepSoon(): void {
    if (this.#sweeper) return;
    const oldest = this.#entries.rkeys().next();
    if (oldest.done) return;
    const remaining = this.#entries.getRemainingTTL(oldest.value);
    if (!Number.isFinite(remaining)) return; // no idleMs: subjects leave only by maxSubjects
    // Node's timers take at most 2^31 - 1 ms; a longer wait is taken in steps.
    const delay = Math.min(Math.max(remaining, 0) + 1, 2 ** 31 - 1);
    this.#sweeper = setTimeout(() => {
      this.#sweeper = undefined;
      this.#entries.purgeStale();
      this.#sweepSoon();
    }, delay);
    this.#sweeper.unref?.();
  }

  #strategyFor(subject: string): AuthStrategy {
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
    // A bad config throws invalid_config here, on each request, until it is fixed (nothing is
    // cached); a good one is validated, and its key parsed, once for every subject.
    this.#template ??= new JwtBearerStrategy(source);
    return subject === '' ? this.#template : this.#template.forUser(subject);
  }
}
