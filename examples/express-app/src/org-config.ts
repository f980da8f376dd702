import type { JwtBearerConfig } from '@sf-jwt/core';
import { type RunningEmulator, startTestOrg } from '@sf-jwt/emulator';

/** A real org from SF_JWT_* variables, or else a fresh emulator with a demo org. */
export async function orgConfig(
  env: NodeJS.ProcessEnv,
): Promise<{ config: JwtBearerConfig; emulator?: RunningEmulator }> {
  if (env.SF_JWT_CLIENT_ID && env.SF_JWT_USERNAME) {
    return {
      config: {
        clientId: env.SF_JWT_CLIENT_ID,
        username: env.SF_JWT_USERNAME,
        ...(env.SF_JWT_KEY_FILE
          ? { privateKeyFile: env.SF_JWT_KEY_FILE }
          : { privateKey: env.SF_JWT_PRIVATE_KEY?.replace(/\\n/g, '\n') ?? '' }),
        ...(env.SF_JWT_LOGIN_URL ? { loginUrl: env.SF_JWT_LOGIN_URL } : {}),
        ...(env.SF_JWT_SANDBOX ? { sandbox: true } : {}),
      },
    };
  }
  const { config, emulator } = await startTestOrg({ usernames: ['demo@example.com'] });
  return { config, emulator };
}
