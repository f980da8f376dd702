export {
  type CertificateOptions,
  createKeyPairAndCertificate,
  type KeyPairAndCertificate,
} from './certificate/create-key-pair-and-certificate.js';
