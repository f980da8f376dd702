import { createPublicKey, type KeyObject } from 'node:crypto';
import type { AssertionSigner } from '@sf-jwt/core';
import { signWithRetries } from '@sf-jwt/core/internal';
import pkcs11js from 'pkcs11js';
import { mapPkcs11Error, Pkcs11LookupError } from './map-pkcs11-error.js';
import { findObject } from './pkcs11-module.js';
import { openTokenSession } from './token-session.js';

/**
 * Where the key is: the PKCS#11 module, the token and the key's label.
 * @example
 * ```ts
 * const token: Pkcs11TokenOptions = { library: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: 'sf-jwt', pin: process.env.HSM_PIN!, keyLabel: 'salesforce' };
 * ```
 */
export interface Pkcs11TokenOptions {
  /** The path of the vendor's PKCS#11 module (`.so`, `.dylib`, `.dll`). */
  library: string;
  /** The label of the token (HSM partition) holding the key. */
  tokenLabel: string;
  /** The user PIN of the token. */
  pin: string;
  /** The `CKA_LABEL` of the key pair. */
  keyLabel: string;
}

/**
 * Options of {@link pkcs11Signer}.
 * @example
 * ```ts
 * const options: Pkcs11SignerOptions = { ...token, retries: 2 };
 * ```
 */
export interface Pkcs11SignerOptions extends Pkcs11TokenOptions {
  /**
   * Retries after the first attempt, each with a new session, for device and session faults.
   * @defaultValue 2
   */
  retries?: number;
  /**
   * The first wait before a retry in ms, doubled each time up to 1000.
   * @defaultValue 100
   */
  retryDelayMs?: number;
  /**
   * How to wait between retries.
   * @defaultValue setTimeout
   */
  sleep?: (ms: number) => Promise<void>;
}

/** What {@link pkcs11Signer} returns. */
export interface Pkcs11Signer {
  /** The `AssertionSigner` for `JwtBearerConfig.signer`: CKM_SHA256_RSA_PKCS in the token. */
  readonly sign: AssertionSigner;
  /** The key's public half, read from the token's public key object (for `createCertificate`). */
  publicKey(): KeyObject;
  /** Logs out and closes the session; the next signature opens a new one. */
  close(): void;
}

/**
 * Signs assertions with a private key inside an HSM (any PKCS#11 module: a network HSM, a cloud
 * HSM, SoftHSM2): the key never leaves the token. One session, opened on first use and logged
 * in, serves every signature one at a time; a device or session fault drops it and the next
 * attempt opens a new one (at most `retries` more), then `signer_unavailable`. A wrong PIN or a
 * missing key is `signer_denied` at once.
 *
 * @example
 * ```ts
 * const hsm = pkcs11Signer({ library, tokenLabel: 'sf-jwt', pin: process.env.HSM_PIN!, keyLabel: 'salesforce' });
 * const strategy = new JwtBearerStrategy({ clientId, username, signer: hsm.sign });
 * ```
 */
export function pkcs11Signer(options: Pkcs11SignerOptions): Pkcs11Signer {
  let current:
    | { module: pkcs11js.PKCS11; session: pkcs11js.Handle; key: pkcs11js.Handle }
    | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const open = () => {
    if (current) return current;
    const { module, session } = openTokenSession(options);
    const key = findObject(module, session, pkcs11js.CKO_PRIVATE_KEY, options.keyLabel);
    if (key === undefined) {
      module.C_CloseSession(session);
      throw new Pkcs11LookupError(
        `no private key labelled ${JSON.stringify(options.keyLabel)} on the token`,
        false,
      );
    }
    current = { module, session, key };
    return current;
  };
  const drop = () => {
    const stale = current;
    current = undefined;
    try {
      stale?.module.C_CloseSession(stale.session);
    } catch {
      // Already closed by the HSM: nothing to release.
    }
  };
  const signOnce = async (input: Uint8Array) => {
    try {
      const { module, session, key } = open();
      module.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
      return new Uint8Array(
        await module.C_SignAsync(session, Buffer.from(input), Buffer.alloc(1024)),
      );
    } catch (error) {
      drop();
      throw error;
    }
  };
  // A session runs one signing operation at a time: callers queue (one per login, so short).
  const sign: AssertionSigner = (input) => {
    const result = queue.then(() =>
      signWithRetries(() => signOnce(input), mapPkcs11Error, options),
    );
    queue = result.catch(() => {});
    return result;
  };
  return {
    sign,
    publicKey: () => {
      try {
        const { module, session } = open();
        const handle = findObject(module, session, pkcs11js.CKO_PUBLIC_KEY, options.keyLabel);
        if (handle === undefined) {
          throw new Pkcs11LookupError(
            `no public key labelled ${JSON.stringify(options.keyLabel)} on the token`,
            false,
          );
        }
        const [modulus, exponent] = module.C_GetAttributeValue(session, handle, [
          { type: pkcs11js.CKA_MODULUS },
          { type: pkcs11js.CKA_PUBLIC_EXPONENT },
        ]);
        return createPublicKey({
          key: {
            kty: 'RSA',
            n: Buffer.from(modulus!.value as Buffer).toString('base64url'),
            e: Buffer.from(exponent!.value as Buffer).toString('base64url'),
          },
          format: 'jwk',
        });
      } catch (error) {
        throw mapPkcs11Error(error);
      }
    },
    close: () => {
      if (!current) return;
      try {
        current.module.C_Logout(current.session);
      } catch {}
      drop();
    },
  };
}
