// Every login signs its assertion in the HSM: the private key never enters this process.
import { JwtBearerStrategy } from '@sf-jwt/core';
import { pkcs11Signer } from '@sf-jwt/signer-pkcs11';

const hsm = pkcs11Signer({
  library: process.env.PKCS11_LIBRARY ?? '/usr/lib/softhsm/libsofthsm2.so',
  tokenLabel: process.env.PKCS11_TOKEN ?? 'sf-jwt',
  pin: process.env.PKCS11_PIN!,
  keyLabel: 'salesforce',
});
export const strategy = new JwtBearerStrategy({
  clientId: process.env.SF_JWT_CLIENT_ID!,
  username: process.env.SF_JWT_USERNAME!,
  loginUrl: process.env.SF_JWT_LOGIN_URL ?? 'https://login.salesforce.com',
  signer: hsm.sign,
});
const { instanceUrl } = await strategy.getToken();
console.log(`logged in with an HSM signature at ${instanceUrl}`);
process.once('beforeExit', () => hsm.close());
