import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';

/** The longest text option accepted (a URL, a consumer key, a username). */
export const MAX_TEXT = 1024;

/** An `invalid_config` error: what is wrong, and the hint that says how to fix it. */
export const invalid = (message: string, hint: string) =>
  new SalesforceAuthError({ code: 'invalid_config', message, hint });

export function checkPositive(value: unknown, name: string, what: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(`${name} is ${String(value)}`, `Set ${name} to a positive number (${what}).`);
  }
}

export function requireText(value: unknown, name: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(`${name} is ${describe(value)}`, `Set ${name} to ${what}.`);
  }
  if (value.length > MAX_TEXT) {
    throw invalid(`${name} is ${value.length} characters long`, `Set ${name} to ${what}.`);
  }
  if (value !== value.trim()) {
    throw invalid(`${name} has leading or trailing white space`, `Trim ${name}.`);
  }
  return value;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === '') return 'empty';
  return typeof value === 'string' ? 'blank' : `a ${value === null ? 'null' : typeof value}`;
}
