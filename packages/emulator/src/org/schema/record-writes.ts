import { newId } from '../salesforce-ids.js';
import type { ObjectSchema } from './org-schema.js';

/** One entry of a Salesforce DML error list. */
export interface WriteError {
  errorCode: string;
  message: string;
  fields: string[];
}

type Row = Record<string, unknown>;
type Mode = 'create' | 'update' | 'seed';

/**
 * Checks the values of a create or update against the object's described fields and returns them
 * under their API names, or Salesforce's error (INVALID_FIELD, INVALID_FIELD_FOR_INSERT_UPDATE,
 * REQUIRED_FIELD_MISSING).
 */
export function checkWrite(
  object: ObjectSchema,
  input: Row,
  mode: Mode,
): { values: Row } | { error: WriteError } {
  const values: Row = {};
  const readOnly: string[] = [];
  for (const [name, value] of Object.entries(input)) {
    if (name === 'attributes' || (mode === 'update' && name.toLowerCase() === 'id')) continue;
    const field = object.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!field) {
      return {
        error: {
          errorCode: 'INVALID_FIELD',
          message: `No such column '${name}' on sobject of type ${object.name}`,
          fields: [],
        },
      };
    }
    if (
      mode !== 'seed' &&
      field.type === 'reference' &&
      typeof value === 'string' &&
      value !== '' &&
      !/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value)
    ) {
      return {
        error: {
          errorCode: 'MALFORMED_ID',
          message: `${field.label}: id value of incorrect type: ${value}`,
          fields: [field.name],
        },
      };
    }
    const writable = mode === 'seed' || (mode === 'create' ? field.createable : field.updateable);
    if (!writable) readOnly.push(field.name);
    values[field.name] = value;
  }
  if (readOnly.length > 0) {
    return {
      error: {
        errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        fields: readOnly,
      },
    };
  }
  if (mode !== 'update') {
    const missing = object.fields
      .filter(
        (f) =>
          f.required &&
          (values[f.name] === undefined || values[f.name] === null || values[f.name] === ''),
      )
      .map((f) => f.name);
    if (missing.length > 0 && mode === 'create') {
      return {
        error: {
          errorCode: 'REQUIRED_FIELD_MISSING',
          message: `Required fields are missing: [${missing.join(', ')}]`,
          fields: missing,
        },
      };
    }
  } else {
    const cleared = object.fields
      .filter(
        (f) => f.required && f.name in values && (values[f.name] === null || values[f.name] === ''),
      )
      .map((f) => f.name);
    if (cleared.length > 0) {
      return {
        error: {
          errorCode: 'REQUIRED_FIELD_MISSING',
          message: `Required fields are missing: [${cleared.join(', ')}]`,
          fields: cleared,
        },
      };
    }
  }
  return { values };
}

/** A new stored record: the values plus Id, audit fields and computed fields (names, IsClosed). */
export function newRecord(
  object: ObjectSchema,
  values: Row,
  at: number,
  userId: string | null,
): Row {
  const timestamp = new Date(at).toISOString().replace('Z', '+0000');
  const record: Row = {
    Id: values.Id ?? newId(object.keyPrefix),
    IsDeleted: false,
    CreatedDate: timestamp,
    CreatedById: userId,
    LastModifiedDate: timestamp,
    LastModifiedById: userId,
    SystemModstamp: timestamp,
    ...(object.fields.some((f) => f.name === 'OwnerId') ? { OwnerId: userId } : {}),
    ...values,
  };
  return withComputedFields(object, record);
}

/** A stored record with an update applied. */
export function updatedRecord(
  object: ObjectSchema,
  record: Row,
  values: Row,
  at: number,
  userId: string | null,
): Row {
  const timestamp = new Date(at).toISOString().replace('Z', '+0000');
  return withComputedFields(object, {
    ...record,
    ...values,
    Id: record.Id,
    LastModifiedDate: timestamp,
    LastModifiedById: userId,
    SystemModstamp: timestamp,
  });
}

function withComputedFields(object: ObjectSchema, record: Row): Row {
  const name = object.fields.find((f) => f.name === 'Name');
  const hasLastName = object.fields.some((f) => f.name === 'LastName');
  if (name && !name.createable && hasLastName) {
    record.Name = [record.FirstName, record.LastName].filter((part) => part).join(' ');
  }
  // Opportunity: IsClosed follows the stage (the default stages "Closed Won" and "Closed Lost");
  // LastActivityDate stays null until an activity is logged, which the emulator never does.
  if (object.name === 'Opportunity') {
    record.IsClosed = /^closed\b/i.test(String(record.StageName ?? ''));
    record.LastActivityDate ??= null;
  }
  return record;
}
