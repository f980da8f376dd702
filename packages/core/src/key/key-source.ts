import type { KeyObject } from 'node:crypto';
import type { SalesforceAuthError } from '../errors/salesforce-auth-error.js';

/**
 * What {@link JwtBearerStrategy.reloadKey} reports: whether a different key is now in use, and
 * why the file was not taken when it was refused (the previous key stays in use).
 * @example
 * ```ts
 * const { changed, error } = strategy.reloadKey();
 * if (error) console.warn(error.code, error.hint);
 * ```
 */
export interface KeyReloadResult {
  /** A key different from the previous one is now used for every new assertion. */
  readonly changed: boolean;
  /** Why the file was not taken (unreadable, not a key, unprotected in strict mode). */
  readonly error?: SalesforceAuthError;
}

/** Where the signing code asks for the key in use; one per validated config. */
export interface KeySource {
  /** The key to sign with now (a file key is checked for changes at most once per interval). */
  current(): KeyObject;
  /** Reads the key file again now, whatever the interval. */
  reload(): KeyReloadResult;
}

/** A key given inline (PEM or KeyObject): nothing to reload. */
export function fixedKeySource(key: KeyObject): KeySource {
  return { current: () => key, reload: () => ({ changed: false }) };
}
