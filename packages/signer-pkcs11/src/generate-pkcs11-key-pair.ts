import pkcs11js from 'pkcs11js';
import { mapPkcs11Error } from './map-pkcs11-error.js';
import type { Pkcs11TokenOptions } from './pkcs11-signer.js';
import { openTokenSession } from './token-session.js';

/**
 * Options of {@link generatePkcs11KeyPair}.
 * @example
 * ```ts
 * const options: Pkcs11KeyPairOptions = { ...token, modulusBits: 3072 };
 * ```
 */
export interface Pkcs11KeyPairOptions extends Pkcs11TokenOptions {
  /**
   * RSA modulus length in bits.
   * @defaultValue 2048
   */
  modulusBits?: number;
}

/**
 * Generates an RSA key pair inside the token: the private key is a token object, sensitive,
 * non-extractable, for signing only, labelled `keyLabel` (its public half too). Nothing of the
 * private key ever leaves the HSM.
 *
 * @example
 * ```ts
 * generatePkcs11KeyPair({ library, tokenLabel: 'sf-jwt', pin, keyLabel: 'salesforce' });
 * ```
 */
export function generatePkcs11KeyPair(options: Pkcs11KeyPairOptions): void {
  try {
    const { module, session } = openTokenSession(options);
    try {
      const label = { type: pkcs11js.CKA_LABEL, value: options.keyLabel };
      module.C_GenerateKeyPair(
        session,
        { mechanism: pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN },
        [
          label,
          { type: pkcs11js.CKA_TOKEN, value: true },
          { type: pkcs11js.CKA_VERIFY, value: true },
          { type: pkcs11js.CKA_MODULUS_BITS, value: options.modulusBits ?? 2048 },
          { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
        ],
        [
          label,
          { type: pkcs11js.CKA_TOKEN, value: true },
          { type: pkcs11js.CKA_PRIVATE, value: true },
          { type: pkcs11js.CKA_SENSITIVE, value: true },
          { type: pkcs11js.CKA_EXTRACTABLE, value: false },
          { type: pkcs11js.CKA_SIGN, value: true },
          { type: pkcs11js.CKA_DECRYPT, value: false },
        ],
      );
    } finally {
      module.C_CloseSession(session);
    }
  } catch (error) {
    throw mapPkcs11Error(error);
  }
}
