import { createHmac, KeyObject, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JwtBearerConfig } from '../config/jwt-bearer-config.js';

// Key material and passphrases enter a fingerprint only as an HMAC under a key drawn at random
// for this process: the fingerprint can be logged or compared, and reveals nothing.
const SECRET = randomBytes(32);
const identities = new WeakMap<object, number>();
let lastIdentity = 0;

const digest = (data: string | Buffer): string =>
  createHmac('sha256', SECRET).update(data).digest('base64url');

/** A per-process number for a function or an object that is compared by identity. */
function identity(value: object): string {
  let id = identities.get(value);
  if (id === undefined) {
    lastIdentity += 1;
    id = lastIdentity;
    identities.set(value, id);
  }
  return `#${id}`;
}

/**
 * A string that differs whenever two configs would make different strategies: login URL,
 * consumer key, username, the key's content (a key file by its resolved path and content), the
 * passphrase, and every other option (plain values by value; functions, stores and other objects
 * by identity). Options set to `undefined` are left out. `undefined` when the key file cannot
 * be read: such a config is never shared, and the strategy's constructor reports the file.
 *
 * @example
 * ```ts
 * configFingerprint({ clientId, username, privateKeyFile: './server.key' }) ===
 *   configFingerprint({ clientId, username, privateKeyFile: './server.key', loginUrl: undefined }); // true
 * ```
 */
export function configFingerprint(config: JwtBearerConfig): string | undefined {
  const parts: string[] = [];
  const options = config as unknown as Record<string, unknown>;
  for (const name of Object.keys(options).sort()) {
    const value = options[name];
    if (value === undefined) continue;
    // The file is only read when it is the key in use (no privateKey, no signer).
    const unused =
      name === 'privateKeyFile' && (options.privateKey ?? options.signer) !== undefined;
    const described = unused ? JSON.stringify(value) : describe(name, value);
    if (described === undefined) return undefined;
    parts.push(name, described);
  }
  return JSON.stringify(parts);
}

function describe(name: string, value: unknown): string | undefined {
  if (name === 'privateKeyFile' && typeof value === 'string') return describeKeyFile(value);
  if (name === 'privateKey' || name === 'passphrase') return describeSecret(value);
  if (name === 'loginUrl' && typeof value === 'string') return normaliseUrl(value);
  return plainJson(value) ?? identity(value as object);
}

function describeKeyFile(path: string): string | undefined {
  try {
    return `${resolve(path)}:${digest(readFileSync(path))}`;
  } catch {
    return undefined;
  }
}

function describeSecret(value: unknown): string {
  if (typeof value === 'string' || Buffer.isBuffer(value)) return digest(value);
  if (value instanceof KeyObject) {
    try {
      return value.type === 'private'
        ? digest(value.export({ type: 'pkcs8', format: 'der' }))
        : digest(value.export({ type: 'spki', format: 'der' }));
    } catch {
      return identity(value);
    }
  }
  return plainJson(value) ?? identity(value as object);
}

function normaliseUrl(value: string): string {
  try {
    const url = new URL(value);
    return JSON.stringify(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
  } catch {
    return JSON.stringify(value);
  }
}

/** JSON with sorted keys for primitives, arrays and plain objects; undefined for anything else. */
function plainJson(value: unknown, depth = 0): string | undefined {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
    return JSON.stringify(value);
  }
  if (typeof value !== 'object' || depth > 4) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => plainJson(item, depth + 1));
    return items.includes(undefined) ? undefined : `[${items.join(',')}]`;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const entries: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    const json = plainJson(item, depth + 1);
    if (json === undefined) return undefined;
    entries.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${entries.join(',')}}`;
}
