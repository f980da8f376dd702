import { newSessionId } from '../org/salesforce-ids.js';
import type { NormalisedUser } from '../org/setup.js';
import { soapTakesJwtTokens } from './jwt-access-tokens.js';

export interface Session {
  user: NormalisedUser;
  lastUsedAt: number;
  /** A JWT-based access token's `exp` (ms): it lives until then, used or not. */
  expiresAt?: number;
}

/**
 * Issued sessions, expiring after a timeout of inactivity (extended by use) or on demand. The map
 * is kept in order of last use (a used session moves to the end), so each new session first drops
 * the timed-out ones from the front: a long run holds only live sessions.
 */
export class SessionTable {
  readonly #sessions = new Map<string, Session>();
  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {}

  /** Sessions held now (timed-out ones are dropped as new ones are issued). */
  get size(): number {
    return this.#sessions.size;
  }

  issue(user: NormalisedUser): string {
    const now = this.now();
    for (const [token, session] of this.#sessions) {
      if (now - session.lastUsedAt <= this.timeoutMs) break;
      this.#sessions.delete(token);
    }
    const token = newSessionId(user.orgId);
    this.#sessions.set(token, { user, lastUsedAt: this.now() });
    return token;
  }

  /** Registers a JWT-based access token, live until `expiresAt` whatever the session timeout. */
  register(token: string, user: NormalisedUser, expiresAt: number): void {
    this.#sessions.set(token, { user, lastUsedAt: this.now(), expiresAt });
  }

  /**
   * The live session for a token, touched; undefined when unknown or timed out.
   * @param soapVersion - The API version of a SOAP, Metadata or Bulk API 1.0 call: a JWT-based
   *   token is refused below v68.0 (an invalid session, as Salesforce answers it).
   */
  use(token: string | undefined, soapVersion?: string): Session | undefined {
    if (!token) return undefined;
    const session = this.#sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAt !== undefined) {
      if (this.now() >= session.expiresAt) {
        this.#sessions.delete(token);
        return undefined;
      }
      if (soapVersion !== undefined && !soapTakesJwtTokens(soapVersion)) return undefined;
    } else if (this.now() - session.lastUsedAt > this.timeoutMs) {
      this.#sessions.delete(token);
      return undefined;
    }
    session.lastUsedAt = this.now();
    this.#sessions.delete(token);
    this.#sessions.set(token, session);
    return session;
  }

  expire(token: string): void {
    this.#sessions.delete(token);
  }

  expireAll(): void {
    this.#sessions.clear();
  }
}
