import type { JwtBearerConfig } from '@sf-jwt/core';

// The connected app and the integration user, from the same variables as the CLI.
export const config: JwtBearerConfig = {
  clientId: process.env.SF_JWT_CLIENT_ID ?? '',
  username: process.env.SF_JWT_USERNAME ?? 'integration@acme.com',
  privateKeyFile: process.env.SF_JWT_KEY_FILE ?? './certs/server.key',
  loginUrl: process.env.SF_JWT_LOGIN_URL ?? 'https://login.salesforce.com',
};
