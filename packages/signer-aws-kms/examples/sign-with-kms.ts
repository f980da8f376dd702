// Every login signs its assertion in KMS: the private key never enters this process.
import { JwtBearerStrategy } from '@sf-jwt/core';
import { awsKmsSigner } from '@sf-jwt/signer-aws-kms';

export const strategy = new JwtBearerStrategy({
  clientId: process.env.SF_JWT_CLIENT_ID!,
  username: process.env.SF_JWT_USERNAME!,
  loginUrl: process.env.SF_JWT_LOGIN_URL ?? 'https://login.salesforce.com',
  signer: awsKmsSigner({ keyId: process.env.KMS_KEY_ID!, retries: 2 }),
});
const { instanceUrl } = await strategy.getToken();
console.log(`logged in with a KMS signature at ${instanceUrl}`);
