import { createPrivateKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';

/** Where the private key comes from: one of these, checked by {@link loadPrivateKey}. */
export interface PrivateKeyOptions {
  /** A PEM (PKCS#1 or PKCS#8, encrypted or not) as string or Buffer, or a Node `KeyObject`. */
  privateKey?: string | Buffer | KeyObject;
  /** A path to a PEM file, read once. */
  privateKeyFile?: string;
  /** The passphrase of an encrypted PEM. */
  passphrase?: string;
}

const invalid = (message: string, hint: string, cause?: unknown) =>
  new SalesforceAuthError({ code: 'invalid_config', message, hint, cause });

/**
 * Parses the configured private key once into an RSA `KeyObject`, or throws `invalid_config`
 * saying exactly what is wrong with it.
 *
 * @example
 * ```ts
 * const key = loadPrivateKey({ privateKeyFile: './server.key' });
 * ```
 */
export function loadPrivateKey(options: PrivateKeyOptions): KeyObject {
  const key = options.privateKey ?? readKeyFile(options.privateKeyFile);
  const keyObject = key instanceof KeyObject ? key : parsePem(key, options.passphrase);
  if (keyObject.type !== 'private') {
    throw invalid(
      `privateKey is a ${keyObject.type} key`,
      'Pass the private key (server.key), not the public key or the certificate you uploaded to Salesforce.',
    );
  }
  if (keyObject.asymmetricKeyType !== 'rsa') {
    throw invalid(
      `privateKey is a ${keyObject.asymmetricKeyType ?? 'non-asymmetric'} key`,
      'Salesforce only accepts RS256: generate an RSA key of 2048 bits or more (sf-jwt keygen).',
    );
  }
  const bits = keyObject.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) {
    throw invalid(`privateKey is a ${bits}-bit RSA key`, 'Use an RSA key of 2048 bits or more.');
  }
  return keyObject;
}

function readKeyFile(path: string | undefined): string {
  if (path === undefined) {
    throw invalid(
      'no private key configured',
      'Set privateKey (PEM or KeyObject), privateKeyFile (a path), or signer (a KMS or HSM).',
    );
  }
  if (typeof path !== 'string' || path.trim() === '') {
    throw invalid(
      'privateKeyFile is not a path',
      'Set privateKeyFile to the path of the PEM file.',
    );
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
    throw invalid(
      `privateKeyFile could not be read (${reason})`,
      'Check the path and that this process may read the file.',
      cause,
    );
  }
}

function parsePem(key: string | Buffer, passphrase: string | undefined): KeyObject {
  if (typeof key !== 'string' && !Buffer.isBuffer(key)) {
    throw invalid(
      `privateKey is a ${typeof key}`,
      'Pass the PEM text as a string or Buffer, or a KeyObject.',
    );
  }
  const text = key.toString();
  if (!text.includes('-----BEGIN')) {
    throw invalid(
      'privateKey is not PEM',
      'Pass the PEM text itself, including the -----BEGIN ... PRIVATE KEY----- line; when it comes from an environment variable, keep its newlines (replace literal \\n with newlines).',
    );
  }
  if (text.includes('CERTIFICATE-----')) {
    throw invalid(
      'privateKey is a certificate',
      'Pass the private key (server.key); the certificate (server.crt) is what you upload to Salesforce.',
    );
  }
  if (text.includes('PUBLIC KEY-----')) {
    throw invalid(
      'privateKey is a public key',
      'Pass the private key (server.key), not the public key.',
    );
  }
  try {
    return createPrivateKey(passphrase === undefined ? { key: text } : { key: text, passphrase });
  } catch (cause) {
    throw invalid(describePemFailure(text, passphrase, cause), pemHint(text, passphrase), cause);
  }
}

function describePemFailure(text: string, passphrase: string | undefined, cause: unknown): string {
  const encrypted = text.includes('ENCRYPTED') || text.includes('Proc-Type: 4,ENCRYPTED');
  if (encrypted && passphrase === undefined)
    return 'privateKey is encrypted and no passphrase was given';
  if (encrypted) return 'privateKey could not be decrypted with the passphrase';
  const reason = (cause as { code?: string }).code ?? 'unparseable';
  return `privateKey could not be parsed (${reason})`;
}

function pemHint(text: string, passphrase: string | undefined): string {
  if (text.includes('ENCRYPTED')) {
    return passphrase === undefined
      ? 'Set passphrase, or decrypt the key once with openssl.'
      : 'Check the passphrase.';
  }
  return 'The PEM is truncated or mangled: check it was copied whole, with its newlines.';
}
