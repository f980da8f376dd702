import { generateKeyPair, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { createCertificate } from './create-certificate.js';

/** A key pair and the self-signed certificate to upload to a connected app. */
export interface KeyPairAndCertificate {
  /** PKCS#8 PEM. */
  privateKey: string;
  /** SPKI PEM. */
  publicKey: string;
  /** X.509 PEM. */
  certificate: string;
}

/**
 * Options for {@link createKeyPairAndCertificate}.
 * @example
 * ```ts
 * const options: CertificateOptions = { commonName: 'billing-integration', days: 730 };
 * ```
 */
export interface CertificateOptions {
  /**
   * The certificate's CN.
   * @defaultValue `'sf-jwt'`
   */
  commonName?: string;
  /**
   * Validity in days from notBefore.
   * @defaultValue 365
   */
  days?: number;
  /**
   * Start of validity.
   * @defaultValue now
   */
  notBefore?: Date;
  /**
   * The names a TLS client checks (subjectAltName): DNS names and IP addresses.
   * @defaultValue none (no subjectAltName extension)
   */
  subjectAltNames?: string[];
  /**
   * RSA modulus length in bits.
   * @defaultValue 2048
   */
  modulusLength?: number;
}

const generate = promisify(generateKeyPair);

/**
 * Generates an RSA key pair (node:crypto) and a self-signed X.509 v3 certificate for it
 * (sha256WithRSAEncryption, encoded with @peculiar/asn1-x509; no global polyfill).
 *
 * @example
 * ```ts
 * const { privateKey, certificate } = await createKeyPairAndCertificate({ commonName: 'my-app' });
 * ```
 */
export async function createKeyPairAndCertificate(
  options: CertificateOptions = {},
): Promise<KeyPairAndCertificate> {
  const { privateKey, publicKey } = await generate('rsa', {
    modulusLength: options.modulusLength ?? 2048,
    publicExponent: 0x10001,
  });
  const certificate = await createCertificate({
    ...options,
    publicKey,
    signer: async (tbs) => sign('sha256', tbs, privateKey),
  });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    certificate,
  };
}
