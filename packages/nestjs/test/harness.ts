import { createTestOrg, type RunningEmulator, startEmulator, type TestOrg } from '@sf-jwt/emulator';

export interface Org {
  org: TestOrg;
  emulator: RunningEmulator;
  config: { clientId: string; username: string; privateKey: string; loginUrl: string };
}

/** A test org with 20 users on a real emulator server (HTTP on 127.0.0.1). */
export async function startOrg(): Promise<Org> {
  const usernames = Array.from({ length: 20 }, (_, index) => `user${index}@example.com`);
  const org = await createTestOrg({ usernames });
  const emulator = await startEmulator({ setup: org.setup });
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
