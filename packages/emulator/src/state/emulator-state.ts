import { TokenSigner } from '../oauth/jwt-access-tokens.js';
import { SessionTable } from '../oauth/sessions.js';
import { OrgData } from '../org/org-data.js';
import type { EmulatorSetup, NormalisedSetup } from '../org/setup.js';
import { normaliseSetup } from '../org/setup.js';
import { RecordChangeHub } from '../streaming/record-change-hub.js';
import { FaultTable } from './faults.js';
import { type EmulatorStats, emptyStats, type RequestLogEntry } from './stats.js';

/** Options shared by the HTTP server and the msw handlers. */
export interface EmulatorStateOptions {
  /**
   * The clock, before the setup's clockOffsetMs.
   * @defaultValue Date.now
   */
  now?: () => number;
  /** The instance URL to hand out; default: the origin the token request was sent to. */
  instanceUrl?: string;
  /**
   * Serve the `/__emulator/*` control endpoints.
   * @defaultValue false
   */
  controlEndpoints?: boolean;
  /**
   * What `/services/apexrest/*` answers: the documented not-supported fault (there is no Apex to
   * run), or, as an opt-in for tests that need a working Apex REST surface, an echo of the request.
   * @defaultValue 'not-supported'
   */
  apexRest?: 'not-supported' | 'echo';
}

const MAX_LOG = 10_000;

/** Everything the emulator remembers: setup, sessions, counters, faults, logins per user. */
export class EmulatorState {
  readonly setup: NormalisedSetup;
  /** Records, recycle bin, query locators and Bulk jobs. */
  readonly data: OrgData;
  readonly sessions: SessionTable;
  readonly faults = new FaultTable();
  /** Signs JWT-based access tokens; its public key is served at `/id/keys`. */
  readonly signer = new TokenSigner();
  readonly changes = new RecordChangeHub();
  stats: EmulatorStats = emptyStats();
  readonly log: RequestLogEntry[] = [];
  readonly #logins = new Map<string, number[]>();
  readonly #clock: () => number;
  #instanceUrl: string | undefined;
  readonly controlEndpoints: boolean;
  readonly apexRest: 'not-supported' | 'echo';

  constructor(setup: EmulatorSetup, options: EmulatorStateOptions = {}) {
    this.setup = normaliseSetup(setup);
    this.data = new OrgData(this.setup.seedRecords);
    this.#clock = options.now ?? Date.now;
    this.#instanceUrl = options.instanceUrl;
    this.controlEndpoints = options.controlEndpoints ?? false;
    this.apexRest = options.apexRest ?? 'not-supported';
    this.sessions = new SessionTable(this.setup.sessionTimeoutMs, () => this.now());
  }

  /** The emulator's clock: this machine's, shifted by the setup's clockOffsetMs. */
  now(): number {
    return this.#clock() + this.setup.clockOffsetMs;
  }

  instanceUrl(requestUrl: URL): string {
    return this.#instanceUrl ?? requestUrl.origin;
  }

  setInstanceUrl(url: string): void {
    this.#instanceUrl = url;
  }

  /** Counts a login for the rolling hour; false when the user is over the limit. */
  allowLogin(username: string, now: number, windowMs: number): boolean {
    const recent = (this.#logins.get(username) ?? []).filter((at) => now - at < windowMs);
    if (recent.length >= this.setup.loginRateLimitPerHour) {
      this.#logins.set(username, recent);
      return false;
    }
    recent.push(now);
    this.#logins.set(username, recent);
    return true;
  }

  record(entry: RequestLogEntry): void {
    if (this.log.length >= MAX_LOG) this.log.shift();
    this.log.push(entry);
  }
}
