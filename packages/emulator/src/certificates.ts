// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { webcrypto, X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** A key pair and the self-signed certificate to upload to a connected app. */
export interface KeyPairAndCertificate {
  /** PKCS#8 PEM. */
  privateKey: string;
  /** SPKI PEM. */
  publicKey: string;
  /** X.509 PEM. */
  certificate: string;
}

/** Options for {@link createKeyPairAndCertificate}. */
export interface CertificateOptions {
  /** The certificate's CN (default `sf-jwt`). */
  commonName?: string;
  /** Validity in days from notBefore (default 365). */
  days?: number;
  /** Start of validity (default now). */
  notBefore?: Date;
  /** RSA modulus length (default 2048). */
  modulusLength?: number;
}

const algorithm = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
} as const;

/**
 * Generates an RSA key pair and a self-signed X.509 certificate for it.
 *
 * @example
 * ```ts
 * const { privateKey, certificate } = await createKeyPairAndCertificate({ commonName: 'my-app' });
 * ```
 */
export async function createKeyPairAndCertificate(
  options: CertificateOptions = {},
): Promise<KeyPairAndCertificate> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[1]);
  const keys = (await webcrypto.subtle.generateKey(
    { ...algorithm, modulusLength: options.modulusLength ?? 2048 },
    true,
    ['sign', 'verify'],
  )) as webcrypto.CryptoKeyPair;
  const notBefore = options.notBefore ?? new Date();
  const notAfter = new Date(notBefore.getTime() + (options.days ?? 365) * 86_400_000);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Date.now().toString(16).padStart(16, '0'),
    name: `CN=${(options.commonName ?? 'sf-jwt').replace(/[,=+<>#;"\\]/g, '')}`,
    notBefore,
    notAfter,
    signingAlgorithm: algorithm,
    keys,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  return {
    privateKey: toPem(pkcs8, 'PRIVATE KEY'),
    publicKey: toPem(spki, 'PUBLIC KEY'),
    certificate: certificate.toString('pem'),
  };
}

/** Reads a PEM certificate with Node's own parser (used to verify assertions). */
export function parseCertificate(pem: string): X509Certificate {
  return new X509Certificate(pem);
}

function toPem(der: Buffer, label: string): string {
  const body = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
