import { createKeyPairAndCertificate } from '@sf-jwt/core/certificate';

/** A server key and its self-signed certificate, for TLS on loopback. */
export interface LoopbackCertificate {
  /** PKCS#8 PEM. */
  privateKey: string;
  /** X.509 PEM: the certificate a client trusts (it is its own CA). */
  certificate: string;
}

/**
 * A fresh key and self-signed certificate for a server on this machine (`CN=localhost`, valid for
 * `localhost`, `127.0.0.1` and `::1`), made at start and never written to disk: the HTTPS mode and
 * the Pub/Sub API's gRPC server both serve one.
 */
export async function createLoopbackCertificate(): Promise<LoopbackCertificate> {
  const { privateKey, certificate } = await createKeyPairAndCertificate({
    commonName: 'localhost',
    subjectAltNames: ['localhost', '127.0.0.1', '::1'],
  });
  return { privateKey, certificate };
}
