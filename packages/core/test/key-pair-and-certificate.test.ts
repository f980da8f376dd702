import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyPairAndCertificate } from '../src/certificate.js';
import { loadPrivateKey } from '../src/index.js';

describe('a key pair and a self-signed certificate to upload to a connected app', () => {
  it('holds the key, is signed by it, names the CN and lasts the days asked, without a Reflect polyfill', async () => {
    const notBefore = new Date('2026-01-01T00:00:00Z');
    const made = await createKeyPairAndCertificate({
      commonName: 'billing, integration',
      days: 30,
      notBefore,
    });
    const certificate = new X509Certificate(made.certificate);
    expect(certificate.subject).toBe('CN=billing integration');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.ca).toBe(false);
    expect(Date.parse(certificate.validFrom)).toBe(notBefore.getTime());
    expect(Date.parse(certificate.validTo)).toBe(notBefore.getTime() + 30 * 86_400_000);
    expect(certificate.checkPrivateKey(createPrivateKey(made.privateKey))).toBe(true);
    expect(certificate.verify(createPublicKey(made.publicKey))).toBe(true);
    expect(
      loadPrivateKey({ privateKey: made.privateKey }).asymmetricKeyDetails?.modulusLength,
    ).toBe(2048);
    expect((Reflect as { getMetadata?: unknown }).getMetadata).toBeUndefined();
  });

  it('gives each certificate its own positive serial number', async () => {
    const [first, second] = await Promise.all([
      createKeyPairAndCertificate(),
      createKeyPairAndCertificate(),
    ]);
    const serials = [first, second].map(
      (made) => new X509Certificate(made.certificate).serialNumber,
    );
    expect(serials[0]).not.toBe(serials[1]);
    for (const serial of serials)
      expect(Number.parseInt(serial.slice(0, 2), 16)).toBeLessThan(0x80);
  });

  it('names the DNS names and IP addresses a TLS client checks, and none unless asked', async () => {
    const [named, plain] = await Promise.all([
      createKeyPairAndCertificate({
        commonName: 'localhost',
        subjectAltNames: ['localhost', '127.0.0.1', '::1'],
      }),
      createKeyPairAndCertificate(),
    ]);
    const certificate = new X509Certificate(named.certificate);
    expect(certificate.subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(certificate.checkIP('10.0.0.1')).toBeUndefined();
    expect(new X509Certificate(plain.certificate).subjectAltName).toBeUndefined();
  });
});
