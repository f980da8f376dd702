import type pkcs11js from 'pkcs11js';
import { Pkcs11LookupError } from './map-pkcs11-error.js';
import { moduleFor, openSession, slotOf } from './pkcs11-module.js';
import type { Pkcs11TokenOptions } from './pkcs11-signer.js';

/**
 * A logged-in session on the token labelled `tokenLabel` of `library`, and its module. A token
 * that is not present (unplugged, or a wrong label) is a retryable lookup error: an HSM plugged
 * back in serves the next attempt.
 */
export function openTokenSession(
  options: Pick<Pkcs11TokenOptions, 'library' | 'tokenLabel' | 'pin'>,
): { module: pkcs11js.PKCS11; session: pkcs11js.Handle } {
  const module = moduleFor(options.library);
  const slot = slotOf(module, options.tokenLabel);
  if (slot === undefined) {
    throw new Pkcs11LookupError(
      `no token labelled ${JSON.stringify(options.tokenLabel)} is present`,
      true,
    );
  }
  return { module, session: openSession(module, slot, options.pin) };
}
