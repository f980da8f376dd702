export {
  generatePkcs11KeyPair,
  type Pkcs11KeyPairOptions,
} from './generate-pkcs11-key-pair.js';
export {
  type Pkcs11Signer,
  type Pkcs11SignerOptions,
  type Pkcs11TokenOptions,
  pkcs11Signer,
} from './pkcs11-signer.js';
