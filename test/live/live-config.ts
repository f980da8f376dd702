import type { JwtBearerConfig } from '@sf-jwt/core';

/** The SF_JWT_* variables the live suite reads: the same ones as the CLI. */
export const LIVE_VARIABLES = {
  required: ['SF_JWT_CLIENT_ID', 'SF_JWT_USERNAME', 'SF_JWT_KEY_FILE or SF_JWT_PRIVATE_KEY'],
  optional: [
    'SF_JWT_LOGIN_URL',
    'SF_JWT_SANDBOX',
    'SF_JWT_AUDIENCE',
    'SF_JWT_PASSPHRASE',
    'SF_JWT_CERT_FILE',
  ],
} as const;

/** The variables that are missing for a live run (empty when the suite can run). */
export function missingLiveVariables(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  if (!env.SF_JWT_CLIENT_ID) missing.push('SF_JWT_CLIENT_ID');
  if (!env.SF_JWT_USERNAME) missing.push('SF_JWT_USERNAME');
  if (!env.SF_JWT_KEY_FILE && !env.SF_JWT_PRIVATE_KEY)
    missing.push('SF_JWT_KEY_FILE or SF_JWT_PRIVATE_KEY');
  return missing;
}

/** The core config for the org the SF_JWT_* variables name. */
export function liveConfig(env: NodeJS.ProcessEnv): JwtBearerConfig {
  return {
    clientId: env.SF_JWT_CLIENT_ID as string,
    username: env.SF_JWT_USERNAME as string,
    ...(env.SF_JWT_KEY_FILE
      ? { privateKeyFile: env.SF_JWT_KEY_FILE }
      : { privateKey: (env.SF_JWT_PRIVATE_KEY as string).replace(/\\n/g, '\n') }),
    ...(env.SF_JWT_PASSPHRASE ? { passphrase: env.SF_JWT_PASSPHRASE } : {}),
    ...(env.SF_JWT_LOGIN_URL ? { loginUrl: env.SF_JWT_LOGIN_URL } : {}),
    ...(/^(1|true|yes)$/i.test(env.SF_JWT_SANDBOX ?? '') ? { sandbox: true } : {}),
    ...(env.SF_JWT_AUDIENCE ? { audience: env.SF_JWT_AUDIENCE } : {}),
  };
}

/**
 * Revokes an access token as Salesforce documents it: POST form `token` to
 * `<instance>/services/oauth2/revoke`; 200 means the session is gone. Returns the status.
 */
export async function revokeToken(instanceUrl: string, accessToken: string): Promise<number> {
  const response = await fetch(`${instanceUrl}/services/oauth2/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: accessToken }),
    signal: AbortSignal.timeout(15_000),
  });
  await response.arrayBuffer();
  return response.status;
}
