import { randomBytes } from 'node:crypto';

const KEY_PREFIXES: Record<string, string> = {
  account: '001',
  contact: '003',
  opportunity: '006',
  lead: '00Q',
  case: '500',
  user: '005',
  organization: '00D',
  apexclass: '01p',
  profile: '00e',
};
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character key prefix Salesforce uses for an object type (custom objects: `a00`). */
export function keyPrefix(type: string): string {
  return KEY_PREFIXES[type.toLowerCase()] ?? 'a00';
}

/** An 18-character Salesforce id with the right prefix and case-safe checksum. */
export function newId(prefix: string): string {
  const bytes = randomBytes(12);
  let id = `${prefix}${'0'.repeat(Math.max(0, 15 - prefix.length - 12))}`;
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return to18(id.slice(0, 15));
}

/** Adds Salesforce's 3-character checksum to a 15-character id. */
export function to18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let index = 0; index < 5; index += 1) {
      const char = id15[chunk * 5 + index]!;
      if (char >= 'A' && char <= 'Z') bits |= 1 << index;
    }
    suffix += CHECKSUM[bits];
  }
  return id15 + suffix;
}

/** A session id shaped like Salesforce's: `<orgId15>!<opaque>`. */
export function newSessionId(orgId: string): string {
  return `${orgId.slice(0, 15)}!AQ${randomBytes(48).toString('base64url')}`;
}
