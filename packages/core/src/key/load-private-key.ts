import { createPrivateKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';

/** Where the private key comes from: one of these, checked by {@link loadPrivateKey}. */
export interface PrivateKeyOptions {
  /** A PEM (PKCS#1 or PKCS#8, encrypted or not) as string or Buffer, or a Node `KeyObject`. */
  privateKey?: string | Buffer | KeyObject;
  /** A path to a PEM file, read once. */
  privateKeyFile?: string;
  /**
   * The passphrase of an encrypted PEM.
   * @defaultValue undefined (the PEM is not encrypted)
   */
  passphrase?: string;
}

const invalid = (message: string, hint: string, cause?: unknown) =>
  new SalesforceAuthError({ code: 'invalid_config', message, hint, cause });

/**
 * Parses the configured private key once into an RSA `KeyObject`, or throws `invalid_config`
 * saying exactly what is wrong with it. A PEM whose newlines arrived as literal `\n` (the usual
 * state of a key kept in an environment variable) is parsed with real newlines, and
 * `onNewlinesReplaced` is called; one still unparseable after that is refused as before.
 *
 * @example
 * ```ts
 * const key = loadPrivateKey({ privateKeyFile: './server.key' });
 * ```
 */
export function loadPrivateKey(
  options: PrivateKeyOptions,
  onNewlinesReplaced?: () => void,
): KeyObject {
  const fromFile = options.privateKey === undefined;
  const key = options.privateKey ?? readKeyFile(options.privateKeyFile);
  // Every failure names where the key came from: the file's path (never its content) or privateKey.
  const source = fromFile
    ? `privateKeyFile ${describePath(options.privateKeyFile!)}`
    : 'privateKey';
  const keyObject =
    key instanceof KeyObject
      ? key
      : parsePem(key, options.passphrase, source, onNewlinesReplaced ?? (() => {}));
  if (keyObject.type !== 'private') {
    throw invalid(
      `${source} is a ${keyObject.type} key`,
      'Pass the private key (server.key), not the public key or the certificate you uploaded to Salesforce.',
    );
  }
  if (keyObject.asymmetricKeyType !== 'rsa') {
    throw invalid(
      `${source} is a ${keyObject.asymmetricKeyType ?? 'non-asymmetric'} key`,
      'Salesforce only accepts RS256: generate an RSA key of 2048 bits or more (sf-jwt keygen).',
    );
  }
  const bits = keyObject.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) {
    throw invalid(`${source} is a ${bits}-bit RSA key`, 'Use an RSA key of 2048 bits or more.');
  }
  return keyObject;
}

/** `"./server.key" (/app/server.key)`: the path as given and as resolved from the working directory. */
function describePath(path: string): string {
  const shown = JSON.stringify(path.length > 300 ? `${path.slice(0, 300)}…` : path);
  const absolute = resolve(path);
  return absolute === path ? shown : `${shown} (${JSON.stringify(absolute)})`;
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
      `privateKeyFile ${describePath(path)} could not be read (${reason})`,
      READ_HINTS[reason] ?? 'Check the path and that this process may read the file.',
      cause,
    );
  }
}

const READ_HINTS: Record<string, string> = {
  ENOENT:
    'No file at that path: a relative path is resolved from the working directory (process.cwd()), not from the module; check the path, or make it absolute.',
  EACCES:
    'The file exists but this process may not read it: check its owner and mode (0600, owned by the user running the app).',
  EISDIR:
    'The path is a directory: point privateKeyFile at the PEM file inside it (e.g. server.key).',
};

const LITERAL_NEWLINE = '\\n';

/** Appended to every PEM failure when the text holds literal `\n`, the mark of a PEM pasted into an env var. */
function withNewlineHint(text: string, hint: string): string {
  if (!text.includes(LITERAL_NEWLINE)) return hint;
  return `${hint} The key contains literal \\n sequences (typical of a PEM stored in an environment variable or a CI secret): turn them back into newlines, e.g. privateKey: process.env.SF_PRIVATE_KEY.replace(/\\\\n/g, '\\n').`;
}

function parsePem(
  key: string | Buffer,
  passphrase: string | undefined,
  source: string,
  onNewlinesReplaced: () => void,
): KeyObject {
  if (typeof key !== 'string' && !Buffer.isBuffer(key)) {
    throw invalid(
      `${source} is a ${typeof key}`,
      'Pass the PEM text as a string or Buffer, or a KeyObject.',
    );
  }
  const text = key.toString();
  const fail = (message: string, hint: string, cause?: unknown) =>
    invalid(`${source} ${message}`, withNewlineHint(text, hint), cause);
  if (!text.includes('-----BEGIN')) {
    throw fail(
      text.trim() === '' ? 'is empty' : 'is not PEM',
      'Pass the PEM text itself, including the -----BEGIN ... PRIVATE KEY----- line; when it comes from an environment variable, keep its newlines (replace literal \\n with newlines).',
    );
  }
  if (text.includes('CERTIFICATE-----')) {
    throw fail(
      'is a certificate',
      'Pass the private key (server.key); the certificate (server.crt) is what you upload to Salesforce.',
    );
  }
  if (text.includes('PUBLIC KEY-----')) {
    throw fail('is a public key', 'Pass the private key (server.key), not the public key.');
  }
  const parse = (pem: string) =>
    createPrivateKey(passphrase === undefined ? { key: pem } : { key: pem, passphrase });
  if (text.includes(LITERAL_NEWLINE)) {
    try {
      const parsed = parse(text.replace(/\\r\\n|\\n/g, '\n'));
      onNewlinesReplaced();
      return parsed;
    } catch {
      // Still not a key with real newlines: refused below, with the literal \n hint.
    }
  }
  try {
    return parse(text);
  } catch (cause) {
    throw fail(describePemFailure(text, passphrase, cause), pemHint(text, passphrase), cause);
  }
}

function describePemFailure(text: string, passphrase: string | undefined, cause: unknown): string {
  const encrypted = text.includes('ENCRYPTED') || text.includes('Proc-Type: 4,ENCRYPTED');
  if (encrypted && passphrase === undefined) return 'is encrypted and no passphrase was given';
  if (encrypted) return 'could not be decrypted with the passphrase';
  const reason = (cause as { code?: string }).code ?? 'unparseable';
  return `could not be parsed (${reason})`;
}

function pemHint(text: string, passphrase: string | undefined): string {
  if (text.includes('ENCRYPTED')) {
    return passphrase === undefined
      ? 'Set passphrase, or decrypt the key once with openssl.'
      : 'Check the passphrase.';
  }
  return 'The PEM is truncated or mangled: check it was copied whole, with its newlines.';
}
