import type { EmulatorField, EmulatorObject, FieldType } from './field-types.js';
import { STANDARD_FIELDS } from './standard-fields.js';
import { SYSTEM_FIELDS } from './standard-objects.js';

/**
 * One generated field code (`reference:Account!~`: type, parent, never null, read-only) as a
 * declared field. Required-ness stays with the hand-written overrides: a field that is never null
 * is often defaulted on create by Salesforce.
 */
export function decodeField(code: string): EmulatorField {
  const match = /^(\w+)(?::(\w+))?(!)?(~)?$/.exec(code);
  if (!match) throw new Error(`bad standard field code ${code}`);
  const [, type, parent, , readOnly] = match;
  return {
    type: type as FieldType,
    ...(parent ? { referenceTo: parent } : {}),
    ...(readOnly ? { createable: false, updateable: false } : {}),
  };
}

/** The generated standard objects as setup declarations (system fields left to the emulator). */
export function generatedStandardObjects(): Record<string, EmulatorObject> {
  const objects: Record<string, EmulatorObject> = {};
  for (const [name, codes] of Object.entries(STANDARD_FIELDS)) {
    const fields: Record<string, EmulatorField> = {};
    for (const [field, code] of Object.entries(codes)) {
      if (SYSTEM_FIELDS[field]) continue;
      fields[field] = decodeField(code);
    }
    objects[name] = { fields };
  }
  return objects;
}
