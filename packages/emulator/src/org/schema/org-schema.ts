import { keyPrefix } from '../salesforce-ids.js';
import {
  type EmulatorObject,
  type FieldSchema,
  type FieldType,
  normaliseField,
} from './field-types.js';
import { generatedStandardObjects } from './standard-field-codes.js';
import { STANDARD_CHILDREN } from './standard-fields.js';
import { STANDARD_OBJECTS, SYSTEM_FIELDS } from './standard-objects.js';
import { STANDARD_PICKLISTS } from './standard-picklists.js';

/** An object after defaults: its described fields and where its parents are. */
export interface ObjectSchema {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  fields: FieldSchema[];
}

/** Every object of the org: standard ones, the setup's, and those its seed records imply. */
export class OrgSchema {
  readonly #objects = new Map<string, ObjectSchema>();

  constructor(
    declared: Record<string, EmulatorObject> = {},
    seedRecords: Record<string, Array<Record<string, unknown>>> = {},
  ) {
    for (const [name, object] of Object.entries(generatedStandardObjects()))
      this.define(name, object);
    for (const [name, object] of Object.entries(STANDARD_OBJECTS)) this.define(name, object);
    for (const [name, picklists] of Object.entries(STANDARD_PICKLISTS)) {
      for (const [field, values] of Object.entries(picklists)) {
        const schema = this.field(name, field);
        if (schema) schema.picklistValues = values;
      }
    }
    for (const [name, object] of Object.entries(declared)) this.define(name, object);
    for (const [name, records] of Object.entries(seedRecords)) {
      const fields: Record<string, { type: FieldType }> = {};
      for (const record of records) {
        for (const [field, value] of Object.entries(record)) {
          if (field === 'attributes' || this.field(name, field)) continue;
          fields[field] = { type: inferType(value) };
        }
      }
      this.define(name, { fields: this.object(name) ? fields : { Name: {}, ...fields } });
    }
  }

  /** Adds an object or extends an existing one with more fields. */
  define(name: string, declaration: EmulatorObject): ObjectSchema {
    const existing = this.object(name);
    const object: ObjectSchema = existing ?? {
      name,
      label: declaration.label ?? name.replace(/__c$/, '').replace(/_/g, ' '),
      labelPlural: declaration.labelPlural ?? `${declaration.label ?? name.replace(/__c$/, '')}s`,
      keyPrefix: keyPrefix(name),
      custom: name.endsWith('__c'),
      fields: Object.entries(SYSTEM_FIELDS).map(([field, spec]) => normaliseField(field, spec)),
    };
    if (!existing && name.endsWith('__c')) {
      // Every custom object has its Name (a text name unless the setup declares it otherwise).
      object.fields.push(normaliseField('OwnerId', ownerField), normaliseField('Name', {}));
    }
    if (existing && declaration.label) object.label = declaration.label;
    if (existing && declaration.labelPlural) object.labelPlural = declaration.labelPlural;
    for (const [field, spec] of Object.entries(declaration.fields ?? {})) {
      const index = object.fields.findIndex((f) => f.name.toLowerCase() === field.toLowerCase());
      const normalised = normaliseField(field, spec);
      if (index >= 0) object.fields[index] = normalised;
      else object.fields.push(normalised);
    }
    this.#objects.set(name.toLowerCase(), object);
    return object;
  }

  /** Removes an object (a custom object deleted through the Metadata API). */
  remove(name: string): void {
    this.#objects.delete(name.toLowerCase());
  }

  object(name: string): ObjectSchema | undefined {
    return this.#objects.get(name.toLowerCase());
  }

  objects(): ObjectSchema[] {
    return [...this.#objects.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  field(object: string, field: string): FieldSchema | undefined {
    return this.object(object)?.fields.find((f) => f.name.toLowerCase() === field.toLowerCase());
  }

  /** The reference field behind a relationship name (`Account` on Contact, `Parent__r`). */
  relationship(object: string, name: string): FieldSchema | undefined {
    return this.object(object)?.fields.find(
      (f) => f.relationshipName?.toLowerCase() === name.toLowerCase(),
    );
  }

  /** The child relationships pointing at an object (`Contacts` on Account). */
  childRelationships(
    parent: string,
  ): Array<{ childSObject: string; field: string; relationshipName: string | null }> {
    const children: Array<{
      childSObject: string;
      field: string;
      relationshipName: string | null;
    }> = [];
    const parentName = this.object(parent)?.name ?? parent;
    for (const object of this.#objects.values()) {
      for (const field of object.fields) {
        if (!field.referenceTo.some((to) => to.toLowerCase() === parent.toLowerCase())) continue;
        if (SYSTEM_FIELDS[field.name] || field.name === 'OwnerId') continue;
        const toParent = object.fields.filter(
          (f) =>
            !SYSTEM_FIELDS[f.name] &&
            f.name !== 'OwnerId' &&
            f.name !== 'MasterRecordId' &&
            f.referenceTo.some((to) => to.toLowerCase() === parent.toLowerCase()),
        );
        const known =
          toParent.length === 1 ? STANDARD_CHILDREN[parentName]?.[object.name] : undefined;
        children.push({
          childSObject: object.name,
          field: field.name,
          // A merged record's MasterRecordId has no child relationship on Salesforce.
          relationshipName:
            field.name === 'MasterRecordId'
              ? null
              : (known ??
                (object.custom
                  ? `${object.name.replace(/__c$/, '')}s__r`
                  : object.labelPlural.replace(/\s/g, ''))),
        });
      }
    }
    return children;
  }
}

const ownerField = { type: 'reference', referenceTo: 'User', relationshipName: 'Owner' } as const;

function inferType(value: unknown): FieldType {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return 'datetime';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
  return 'string';
}
