import type { JwtBearerConfig } from '@sf-jwt/core';

/** Flags shared by `token` and `doctor`; each may also come from an SF_JWT_* variable. */
export interface ConnectionFlags {
  clientId?: string;
  username?: string;
  keyFile?: string;
  keyEnv?: string;
  passphrase?: string;
  loginUrl?: string;
  sandbox?: boolean;
  audience?: string;
  cert?: string;
}

/** Environment variables the CLI reads, flag by flag. */
export const ENVIRONMENT = {
  clientId: 'SF_JWT_CLIENT_ID',
  username: 'SF_JWT_USERNAME',
  keyFile: 'SF_JWT_KEY_FILE',
  keyEnv: 'SF_JWT_KEY_ENV',
  passphrase: 'SF_JWT_PASSPHRASE',
  loginUrl: 'SF_JWT_LOGIN_URL',
  audience: 'SF_JWT_AUDIENCE',
  cert: 'SF_JWT_CERT_FILE',
} as const;

/** Flags first, then SF_JWT_* variables. */
export function withEnvironment(flags: ConnectionFlags, env: NodeJS.ProcessEnv): ConnectionFlags {
  const merged: ConnectionFlags = { ...flags };
  for (const [flag, variable] of Object.entries(ENVIRONMENT) as Array<
    [keyof typeof ENVIRONMENT, string]
  >) {
    if (merged[flag] === undefined && env[variable]) merged[flag] = env[variable];
  }
  if (merged.sandbox === undefined && env.SF_JWT_SANDBOX)
    merged.sandbox = /^(1|true|yes)$/i.test(env.SF_JWT_SANDBOX);
  // Without --key-file or --key-env, a PEM in SF_JWT_PRIVATE_KEY is used.
  if (!merged.keyFile && !merged.keyEnv && env.SF_JWT_PRIVATE_KEY)
    merged.keyEnv = 'SF_JWT_PRIVATE_KEY';
  return merged;
}

/** The core config for these flags (validated later by the strategy). */
export function toConfig(flags: ConnectionFlags, env: NodeJS.ProcessEnv): JwtBearerConfig {
  const privateKey = flags.keyEnv ? env[flags.keyEnv]?.replace(/\\n/g, '\n') : undefined;
  return {
    clientId: flags.clientId as string,
    username: flags.username as string,
    ...(flags.keyFile ? { privateKeyFile: flags.keyFile } : {}),
    ...(flags.keyEnv ? { privateKey: privateKey ?? '' } : {}),
    ...(flags.passphrase ? { passphrase: flags.passphrase } : {}),
    ...(flags.loginUrl ? { loginUrl: flags.loginUrl } : {}),
    ...(flags.sandbox ? { sandbox: true } : {}),
    ...(flags.audience ? { audience: flags.audience } : {}),
    retry: false,
  };
}
