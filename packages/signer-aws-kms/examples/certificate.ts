// Once: the certificate to upload to the connected app, signed by the KMS key itself.
import { writeFile } from 'node:fs/promises';
import { createCertificate } from '@sf-jwt/core/certificate';
import { awsKmsPublicKey, awsKmsSigner } from '@sf-jwt/signer-aws-kms';

const kms = { keyId: process.env.KMS_KEY_ID! }; // region and credentials: the AWS SDK's usual chain
export const certificate = await createCertificate({
  publicKey: await awsKmsPublicKey(kms),
  signer: awsKmsSigner(kms),
  commonName: 'salesforce-integration',
  days: 365,
});
await writeFile(process.env.CERT_FILE ?? 'server.crt', certificate);
