// Once: an RSA key generated inside the HSM (never extractable), and its certificate to upload.
import { writeFile } from 'node:fs/promises';
import { createCertificate } from '@sf-jwt/core/certificate';
import { generatePkcs11KeyPair, pkcs11Signer } from '@sf-jwt/signer-pkcs11';

const token = {
  library: process.env.PKCS11_LIBRARY ?? '/usr/lib/softhsm/libsofthsm2.so',
  tokenLabel: process.env.PKCS11_TOKEN ?? 'sf-jwt',
  pin: process.env.PKCS11_PIN!,
  keyLabel: 'salesforce',
};
generatePkcs11KeyPair(token);
const hsm = pkcs11Signer(token);
export const certificate = await createCertificate({
  publicKey: hsm.publicKey(),
  signer: hsm.sign,
  commonName: 'salesforce-integration',
});
await writeFile(process.env.CERT_FILE ?? 'server.crt', certificate);
hsm.close();
