/**
 * A shallow copy of an options object's own enumerable properties, with no prototype: reading an
 * option that was not given yields `undefined`, even when `Object.prototype` has been polluted
 * elsewhere in the app (e.g. `Object.prototype.loginUrl = 'https://attacker.example'`).
 * Anything that is not a plain object (a KeyObject, an array, a function) is returned as is.
 */
export function ownOptions<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.assign(Object.create(null) as object, value) as T;
}
