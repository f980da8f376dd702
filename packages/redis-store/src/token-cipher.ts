import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SalesforceAuthError } from '@sf-jwt/core';

// v2: the Redis key is AES-GCM associated data. v1 values (not bound) are refused and replaced.
const PREFIX = 'v2:';

/**
 * AES-256-GCM for tokens at rest: a read of Redis alone does not reveal them, and each ciphertext
 * is bound to the key it was written under (associated data), so it cannot be moved to another.
 */
export class TokenCipher {
  readonly #key: Buffer;

  constructor(key: Buffer | string) {
    this.#key = typeof key === 'string' ? Buffer.from(key, 'base64') : key;
    if (this.#key.length !== 32) {
      throw new SalesforceAuthError({
        code: 'invalid_config',
        message: `encryptionKey is ${this.#key.length} bytes long`,
        hint: 'Pass 32 random bytes as a Buffer or as base64 text (openssl rand -base64 32).',
      });
    }
  }

  encrypt(plain: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /**
   * @throws SalesforceAuthError `invalid_response` when the value is not ours, was altered, or
   * was written under another key.
   */
  decrypt(stored: string, boundTo: string): string {
    if (!stored.startsWith(PREFIX)) {
      throw unreadable('The stored token is not an encrypted value of this version');
    }
    try {
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw unreadable('The stored token could not be decrypted', cause);
    }
  }
}

function unreadable(message: string, cause?: unknown): SalesforceAuthError {
  return new SalesforceAuthError({
    code: 'invalid_response',
    message,
    hint: 'Give every process the same encryptionKey; the value is replaced at the next login.',
    retryable: false,
    cause,
  });
}
