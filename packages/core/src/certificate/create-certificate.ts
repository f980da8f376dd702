import { createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  GeneralName,
  id_ce_basicConstraints,
  id_ce_subjectAltName,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import type { AssertionSigner } from '../config/jwt-bearer-config.js';

/**
 * Options for {@link createCertificate}: the public key, what signs with its private half, and
 * the certificate's name and validity.
 * @example
 * ```ts
 * const options: SignerCertificateOptions = { publicKey, signer, commonName: 'billing', days: 365 };
 * ```
 */
export interface SignerCertificateOptions {
  /** The public key to certify (a KeyObject, or SPKI DER/PEM). */
  publicKey: KeyObject | Uint8Array | string;
  /**
   * Signs with the private half: RSASSA-PKCS1-v1_5 with SHA-256, the same operation as an RS256
   * assertion, so the `signer` of an HSM or KMS makes its own certificate.
   */
  signer: AssertionSigner;
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
   * The names a TLS client checks (subjectAltName): DNS names and IP addresses, e.g.
   * `['localhost', '127.0.0.1']` for a server on loopback.
   * @defaultValue none (no subjectAltName extension)
   */
  subjectAltNames?: string[];
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';

/**
 * A self-signed X.509 v3 certificate (sha256WithRSAEncryption, PEM) for a key whose private half
 * stays in an HSM or KMS: upload it to the connected app under "Use digital signatures".
 *
 * @example
 * ```ts
 * const certificate = await createCertificate({ publicKey: await kmsPublicKey(options), signer });
 * ```
 */
export async function createCertificate(options: SignerCertificateOptions): Promise<string> {
  const given = options.publicKey;
  const publicKey =
    given instanceof KeyObject && given.type === 'public'
      ? given
      : given instanceof Uint8Array
        ? createPublicKey({ key: Buffer.from(given), format: 'der', type: 'spki' })
        : createPublicKey(given);
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
      ...subjectAltName(options.subjectAltNames ?? []),
    ]),
  });
  const signature = await options.signer(new Uint8Array(AsnConvert.serialize(tbsCertificate)));
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm: algorithm,
    signatureValue: new Uint8Array(signature).buffer,
  });
  return toPem(Buffer.from(AsnConvert.serialize(certificate)), 'CERTIFICATE');
}

function subjectAltName(names: string[]): Extension[] {
  if (names.length === 0) return [];
  const generalNames = names.map((name) =>
    isIP(name) ? new GeneralName({ iPAddress: name }) : new GeneralName({ dNSName: name }),
  );
  return [
    new Extension({
      extnID: id_ce_subjectAltName,
      extnValue: new OctetString(AsnConvert.serialize(new SubjectAlternativeName(generalNames))),
    }),
  ];
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
