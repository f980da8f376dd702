import {
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from '../server/start-emulator.js';
import { refuseUnknownOptions } from './known-options.js';
import { createTestOrg, type TestOrg, type TestOrgOptions } from './test-org.js';

const KNOWN: Record<keyof StartTestOrgOptions, true> = {
  usernames: true,
  sandbox: true,
  kind: true,
  myDomain: true,
  records: true,
  extra: true,
  emulator: true,
  accessTokenFormat: true,
  accessTokenLifetimeSeconds: true,
};
const KNOWN_EMULATOR: Record<keyof NonNullable<StartTestOrgOptions['emulator']>, true> = {
  port: true,
  host: true,
  now: true,
  controlEndpoints: true,
  pubsub: true,
  apexRest: true,
  tls: true,
};

/** Options for {@link startTestOrg}: the org's, and the emulator's (but its setup). */
export interface StartTestOrgOptions extends TestOrgOptions {
  /** Options for the emulator server. */
  emulator?: Omit<StartEmulatorOptions, 'setup'>;
}

/** A test org served by a running emulator, with a config for its first user. */
export interface RunningTestOrg {
  org: TestOrg;
  emulator: RunningEmulator;
  /** A JwtBearerConfig for the org's first user, pointed at the emulator (`https://` with `tls`). */
  config: { clientId: string; username: string; privateKey: string; loginUrl: string };
}

/**
 * {@link createTestOrg} and {@link startEmulator} in one call: an org on a real HTTP server on
 * 127.0.0.1, and the config to log in to it. Stop it with `emulator.stop()`. An option it does
 * not know (a typo) throws an `EmulatorError` with code `invalid_setup`.
 *
 * @example
 * ```ts
 * const { emulator, config, org } = await startTestOrg({ usernames: ['a@example.com', 'b@example.com'] });
 * const conn = await createConnection(config);
 * // ... afterAll: await emulator.stop();
 * ```
 */
export async function startTestOrg(options: StartTestOrgOptions = {}): Promise<RunningTestOrg> {
  refuseUnknownOptions(options, KNOWN, 'startTestOrg');
  refuseUnknownOptions(options.emulator ?? {}, KNOWN_EMULATOR, 'startTestOrg emulator');
  const { emulator: emulatorOptions, ...orgOptions } = options;
  const org = await createTestOrg(orgOptions);
  const emulator = await startEmulator({ ...emulatorOptions, setup: org.setup });
  return {
    org,
    emulator,
    config: {
      clientId: org.clientId,
      username: org.username,
      privateKey: org.privateKey,
      loginUrl: emulator.url,
    },
  };
}
