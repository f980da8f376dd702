import type { EmulatorState } from './emulator-state.js';
import type { FaultSpec } from './faults.js';
import { recordsOf } from './sobject-routes.js';
import { type EmulatorStats, emptyStats, type RequestLogEntry } from './stats.js';

/** What a test can do to a running emulator, whatever its transport. */
export interface EmulatorControl {
  /** Ends every session: the next API call with any issued token meets INVALID_SESSION_ID. */
  expireSessions(): void;
  /** Ends one session. */
  expireSession(accessToken: string): void;
  /** Counters since start or the last {@link EmulatorControl.resetStats}. */
  stats(): EmulatorStats;
  resetStats(): void;
  /** Adds a fault (latency, errors, dropped connections, ...). */
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Every request seen: method, path, status, user. Never a token. */
  requestLog(): ReadonlyArray<RequestLogEntry>;
  /** The live records of an sObject type (mutable). */
  records(type: string): Array<Record<string, unknown>>;
}

export function createControl(state: EmulatorState): EmulatorControl {
  return {
    expireSessions: () => state.sessions.expireAll(),
    expireSession: (accessToken) => state.sessions.expire(accessToken),
    stats: () => structuredClone(state.stats),
    resetStats: () => {
      state.stats = emptyStats();
    },
    injectFault: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    requestLog: () => [...state.log],
    records: (type) => recordsOf(state, type),
  };
}
