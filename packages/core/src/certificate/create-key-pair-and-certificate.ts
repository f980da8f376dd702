import { generateKeyPair, randomBytes, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  id_ce_basicConstraints,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

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
   * RSA modulus length in bits.
   * @defaultValue 2048
   */
  modulusLength?: number;
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
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
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const notBefore = options.notBefore ?? new Date();
  const notAfter = new Date(notBefore.getTime() + (options.days ?? 365) * 86_400_000);
  const name = distinguishedName(options.commonName ?? 'sf-jwt');
  const algorithm = new AlgorithmIdentifier({ algorithm: SHA256_WITH_RSA, parameters: null });
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    // A positive 64-bit serial: the high bit cleared so DER never reads it as negative.
    serialNumber: positiveSerial(),
    signature: algorithm,
    issuer: name,
    validity: new Validity({ notBefore, notAfter }),
    subject: name,
    subjectPublicKeyInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
    extensions: new Extensions([
      new Extension({
        extnID: id_ce_basicConstraints,
        critical: true,
        extnValue: new OctetString(AsnConvert.serialize(new BasicConstraints({ cA: false }))),
      }),
    ]),
  });
  const signature = sign('sha256', Buffer.from(AsnConvert.serialize(tbsCertificate)), privateKey);
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm: algorithm,
    signatureValue: new Uint8Array(signature).buffer,
  });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    certificate: toPem(Buffer.from(AsnConvert.serialize(certificate)), 'CERTIFICATE'),
  };
}

function distinguishedName(commonName: string): Name {
  const value = commonName.replace(/[,=+<>#;"\\]/g, '') || 'sf-jwt';
  return new Name([
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({
        type: COMMON_NAME,
        value: new AttributeValue({ utf8String: value }),
      }),
    ]),
  ]);
}

function positiveSerial(): ArrayBuffer {
  const bytes = randomBytes(8);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return new Uint8Array(bytes).buffer;
}

function toPem(der: Buffer, label: string): string {
  const body = der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
