import type { RunningEmulator } from '@sf-jwt/emulator';
import { afterEach } from 'vitest';

/**
 * For a streaming test file: `org(...)` starts a test org with `start` (the package's harness),
 * creates `channel` on its emulator, and the emulator is stopped after the test. `running` holds
 * what is still to stop (a test that stops an emulator itself takes it out).
 *
 * @example
 * ```ts
 * const { org, running } = channelOrgs(startOrg, '/event/Order__e');
 * ```
 */
export function channelOrgs<
  Args extends unknown[],
  Env extends { emulator: Pick<RunningEmulator, 'stop' | 'createChannel'> },
>(
  start: (...args: Args) => Promise<Env>,
  channel: string,
): { org: (...args: Args) => Promise<Env>; running: Array<{ stop(): unknown }> } {
  const running: Array<{ stop(): unknown }> = [];
  afterEach(async () => {
    for (const item of running.splice(0)) await item.stop();
  });
  const org = async (...args: Args): Promise<Env> => {
    const env = await start(...args);
    running.push(env.emulator);
    env.emulator.createChannel(channel);
    return env;
  };
  return { org, running };
}
