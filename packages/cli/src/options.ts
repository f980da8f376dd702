import type { JwtBearerConfig } from '@sf-jwt/core';

/** Flags shared by `token` and `doctor`; each may also come from an SF_JWT_* variable. */
export interface ConnectionFlags {
  /** The connected app's Consumer Key (`SF_JWT_CLIENT_ID`). */
  clientId?: string;
  /** The Salesforce username (`SF_JWT_USERNAME`). */
  username?: string;
  /** A private key PEM file (`SF_JWT_KEY_FILE`). */
  keyFile?: string;
  /**
   * The environment variable holding the private key PEM (`SF_JWT_KEY_ENV`).
   * @defaultValue `'SF_JWT_PRIVATE_KEY'` when that variable is set and no key file is given
   */
  keyEnv?: string;
  /** The passphrase of an encrypted key (`SF_JWT_PASSPHRASE`). */
  passphrase?: string;
  /**
   * The login URL (`SF_JWT_LOGIN_URL`).
   * @defaultValue `'https://login.salesforce.com'` (`'https://test.salesforce.com'` with `sandbox`)
   */
  loginUrl?: string;
  /**
   * A sandbox (`SF_JWT_SANDBOX`).
   * @defaultValue false
   */
  sandbox?: boolean;
  /**
   * The `aud` claim (`SF_JWT_AUDIENCE`).
   * @defaultValue undefined (derived from the login URL)
   */
  audience?: string;
  /** The certificate uploaded to the app, for `doctor` (`SF_JWT_CERT_FILE`). */
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
