export { type AwsKmsSignerOptions, awsKmsPublicKey, awsKmsSigner } from './aws-kms-signer.js';
