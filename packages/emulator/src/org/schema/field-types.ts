import { asList } from './as-list.js';

/**
 * The field types the emulator describes, as Salesforce names them in describe results.
 * @example
 * ```ts
 * const amount: EmulatorField = { type: 'currency' satisfies FieldType };
 * ```
 */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'address'
  | 'base64';

/**
 * A field as a user declares it in the setup.
 * @example
 * ```ts
 * const parent: EmulatorField = { type: 'reference', referenceTo: 'Account', relationshipName: 'Account__r' };
 * ```
 */
export interface EmulatorField {
  /** Default `string`. */
  type?: FieldType;
  label?: string;
  /** Must be given on create (REQUIRED_FIELD_MISSING otherwise). Default false. */
  required?: boolean;
  /** Default true (false for system fields). */
  createable?: boolean;
  /** Default true (false for system fields). */
  updateable?: boolean;
  /** For `reference` fields: the parent object(s). */
  referenceTo?: string | string[];
  /** For `reference` fields: the name used in SOQL (`Account`, `Parent__r`). */
  relationshipName?: string;
  /** For `picklist` fields. */
  picklistValues?: string[];
  length?: number;
  /** An external id: upsert by it (`PATCH /sobjects/<Type>/<Field>/<value>`). Default false. */
  externalId?: boolean;
}

/**
 * An object as a user declares it in the setup (standard objects can be extended the same way).
 * @example
 * ```ts
 * const setup: EmulatorSetup = { apps, users, objects: { Invoice__c: { fields: { Amount__c: { type: 'currency', required: true } } } } };
 * ```
 */
export interface EmulatorObject {
  label?: string;
  labelPlural?: string;
  /** Fields by API name; merged into a standard object's fields. */
  fields?: Record<string, EmulatorField>;
}

/** A field after defaults are applied. */
export interface FieldSchema {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  createable: boolean;
  updateable: boolean;
  custom: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: string[];
  length: number;
  externalId: boolean;
}

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  address: 'urn:address',
  base64: 'xsd:base64Binary',
};

/** The soapType Salesforce reports for a field type. */
export function soapType(type: FieldType): string {
  return SOAP_TYPES[type];
}

/** True for types whose values are numbers. */
export function isNumeric(type: FieldType): boolean {
  return type === 'int' || type === 'double' || type === 'currency' || type === 'percent';
}

/** Applies defaults to a declared field. */
export function normaliseField(name: string, field: EmulatorField): FieldSchema {
  const type = field.type ?? 'string';
  const referenceTo = asList(field.referenceTo);
  const relationshipName =
    type === 'reference'
      ? (field.relationshipName ??
        (name.endsWith('__c') ? name.replace(/__c$/, '__r') : name.replace(/Id$/, '')))
      : null;
  return {
    name,
    label: field.label ?? name.replace(/__c$/, '').replace(/_/g, ' '),
    type,
    required: field.required ?? false,
    createable: field.createable ?? true,
    updateable: field.updateable ?? true,
    custom: name.endsWith('__c'),
    referenceTo,
    relationshipName,
    picklistValues: field.picklistValues ?? [],
    length:
      field.length ??
      (type === 'textarea' ? 32768 : type === 'id' || type === 'reference' ? 18 : 255),
    externalId: field.externalId ?? false,
  };
}
