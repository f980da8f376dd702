export {
  createCertificate,
  type SignerCertificateOptions,
} from './certificate/create-certificate.js';
export {
  type CertificateOptions,
  createKeyPairAndCertificate,
  type KeyPairAndCertificate,
} from './certificate/create-key-pair-and-certificate.js';
