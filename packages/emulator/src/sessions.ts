import { newSessionId } from './ids.js';
import type { NormalisedUser } from './setup.js';

export interface Session {
  user: NormalisedUser;
  lastUsedAt: number;
}

/** Issued sessions, expiring after a timeout of inactivity (extended by use) or on demand. */
export class SessionTable {
  readonly #sessions = new Map<string, Session>();
  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {}

  issue(user: NormalisedUser): string {
    const token = newSessionId(user.orgId);
    this.#sessions.set(token, { user, lastUsedAt: this.now() });
    return token;
  }

  /** The live session for a token, touched; undefined when unknown or timed out. */
  use(token: string | undefined): Session | undefined {
    if (!token) return undefined;
    const session = this.#sessions.get(token);
    if (!session) return undefined;
    if (this.now() - session.lastUsedAt > this.timeoutMs) {
      this.#sessions.delete(token);
      return undefined;
    }
    session.lastUsedAt = this.now();
    return session;
  }

  expire(token: string): void {
    this.#sessions.delete(token);
  }

  expireAll(): void {
    this.#sessions.clear();
  }
}
