import { type RunningTestOrg, startTestOrg } from '@sf-jwt/emulator';

export type Org = RunningTestOrg;

/** A test org with 20 users on a real emulator server (HTTP on 127.0.0.1). */
export const startOrg = (): Promise<Org> =>
  startTestOrg({ usernames: Array.from({ length: 20 }, (_, index) => `user${index}@example.com`) });

/**
 * Each user's token exchanges before and after: `tick` (a clock moving on), every session
 * expired, then `load`, whose result comes back as `responses`.
 */
export async function afterExpiry<T>(env: Org, load: () => Promise<T>, tick = () => {}) {
  const before = env.emulator.stats().tokenExchangesByUser;
  tick();
  env.emulator.expireSessions();
  return { before, responses: await load(), after: env.emulator.stats().tokenExchangesByUser };
}
