import { recordsOf } from '../org/dml.js';
import type { EmulatorApp, EmulatorUser } from '../org/setup.js';
import { EmulatorError } from './emulator-error.js';
import type { EmulatorState } from './emulator-state.js';
import type { FaultSpec } from './faults.js';
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
  /** The live records of an object of the org's schema (mutable); throws for an unknown object. */
  records(type: string): Array<Record<string, unknown>>;
  /** Changes an app while running (e.g. replace its certificate, turn off pre-authorization). */
  updateApp(consumerKey: string, change: Partial<Omit<EmulatorApp, 'consumerKey'>>): void;
  /** Changes a user while running (e.g. deactivate it). */
  updateUser(
    username: string,
    change: Partial<Pick<EmulatorUser, 'active' | 'profile' | 'permissionSets'>>,
  ): void;
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
    records: (type) => {
      const object = state.setup.schema.object(type);
      if (!object) throw new EmulatorError('not_found', `no object ${type} in the org's schema`);
      return recordsOf(state, object);
    },
    updateApp: (consumerKey, change) => {
      const app = state.setup.apps.get(consumerKey);
      if (!app) throw new EmulatorError('not_found', `no app with consumer key ${consumerKey}`);
      // A new object, so caches keyed by the app (its parsed certificate) start afresh.
      state.setup.apps.set(consumerKey, { ...app, ...change });
    },
    updateUser: (username, change) => {
      const user = state.setup.users.get(username.toLowerCase());
      if (!user) throw new EmulatorError('not_found', `no user ${username}`);
      Object.assign(user, change);
    },
  };
}
