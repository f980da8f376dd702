import { SalesforceAuthError } from '@sf-jwt/core';
import pkcs11js from 'pkcs11js';
import { ckrName, codeOf } from './pkcs11-module.js';

/** A failure of this package's own (no token with the label, no key with the label). */
export class Pkcs11LookupError extends Error {
  constructor(
    message: string,
    readonly unavailable: boolean,
  ) {
    super(message);
    this.name = 'Pkcs11LookupError';
  }
}

// Another try (a new session, the module initialised again) may fix these: the HSM was
// unplugged, restarted, or closed the session.
const UNAVAILABLE = new Set([
  pkcs11js.CKR_SESSION_HANDLE_INVALID,
  pkcs11js.CKR_SESSION_CLOSED,
  pkcs11js.CKR_SESSION_COUNT,
  pkcs11js.CKR_DEVICE_REMOVED,
  pkcs11js.CKR_DEVICE_ERROR,
  pkcs11js.CKR_DEVICE_MEMORY,
  pkcs11js.CKR_TOKEN_NOT_PRESENT,
  pkcs11js.CKR_TOKEN_NOT_RECOGNIZED,
  pkcs11js.CKR_CRYPTOKI_NOT_INITIALIZED,
  pkcs11js.CKR_GENERAL_ERROR,
  pkcs11js.CKR_FUNCTION_FAILED,
  pkcs11js.CKR_USER_NOT_LOGGED_IN,
  pkcs11js.CKR_KEY_HANDLE_INVALID,
  pkcs11js.CKR_OBJECT_HANDLE_INVALID,
  pkcs11js.CKR_OPERATION_ACTIVE,
  pkcs11js.CKR_SLOT_ID_INVALID,
]);

const HINTS: Record<number, string> = {
  [pkcs11js.CKR_PIN_INCORRECT]:
    'The PIN is wrong: check the user PIN of the token (not the SO PIN).',
  [pkcs11js.CKR_PIN_LOCKED]:
    'The PIN is locked after too many wrong tries: the security officer must reset it.',
  [pkcs11js.CKR_KEY_FUNCTION_NOT_PERMITTED]:
    'The key may not sign: generate it with CKA_SIGN true (generatePkcs11KeyPair does).',
  [pkcs11js.CKR_MECHANISM_INVALID]:
    'The HSM does not offer CKM_SHA256_RSA_PKCS for this key: use an RSA key of 2048 bits or more.',
};

/**
 * A PKCS#11 failure as a typed error: `signer_unavailable` (retryable, after a new session) for
 * a device or session fault; `signer_denied` for a PIN, key or mechanism another try cannot fix.
 */
export function mapPkcs11Error(error: unknown): SalesforceAuthError {
  if (error instanceof Pkcs11LookupError) {
    return new SalesforceAuthError({
      code: error.unavailable ? 'signer_unavailable' : 'signer_denied',
      message: `PKCS#11 could not sign: ${error.message}`,
      hint: error.unavailable
        ? 'The token is not present: check the HSM is connected and reachable and its token label, then call again.'
        : 'Check keyLabel names a private key on this token (generatePkcs11KeyPair creates one).',
      cause: error,
    });
  }
  const code = codeOf(error);
  const name = code ? ckrName(code) : ((error as Error)?.message ?? 'unknown error');
  const unavailable = UNAVAILABLE.has(code);
  return new SalesforceAuthError({
    code: unavailable ? 'signer_unavailable' : 'signer_denied',
    message: `PKCS#11 could not sign (${name})`,
    hint:
      HINTS[code] ??
      (unavailable
        ? 'The HSM is unavailable or closed the session: it was retried with a new session a bounded number of times; check the HSM is connected and up.'
        : undefined),
    cause: error,
  });
}
