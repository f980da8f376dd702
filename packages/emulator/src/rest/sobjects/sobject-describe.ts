import type { FieldSchema } from '../../org/schema/field-types.js';
import { soapType } from '../../org/schema/field-types.js';
import type { ObjectSchema, OrgSchema } from '../../org/schema/org-schema.js';

/** The `describeGlobal` entry of an object. */
export function describeSummary(object: ObjectSchema, base: string) {
  const url = `${base}/sobjects/${object.name}`;
  const system = object.name === 'Organization';
  return {
    activateable: false,
    createable: !system,
    custom: object.custom,
    customSetting: false,
    deletable: !system,
    deprecatedAndHidden: false,
    feedEnabled: false,
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: true,
    mergeable: false,
    mruEnabled: false,
    name: object.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: !system,
    updateable: !system,
    urls: { rowTemplate: `${url}/{ID}`, describe: `${url}/describe`, sobject: url },
  };
}

function describeField(field: FieldSchema) {
  const nillable = !field.required && field.type !== 'id' && field.type !== 'boolean';
  return {
    aggregatable: field.type !== 'textarea',
    autoNumber: false,
    byteLength: field.length * 3,
    calculated: false,
    caseSensitive: false,
    createable: field.createable,
    custom: field.custom,
    defaultValue: field.type === 'boolean' ? false : null,
    defaultedOnCreate: field.type === 'boolean' || (!field.createable && field.type !== 'string'),
    dependentPicklist: false,
    externalId: field.externalId,
    filterable: field.type !== 'textarea',
    groupable: field.type !== 'textarea' && field.type !== 'double' && field.type !== 'currency',
    idLookup: field.type === 'id' || field.externalId,
    label: field.label,
    length: ['string', 'textarea', 'email', 'phone', 'url', 'picklist'].includes(field.type)
      ? field.length
      : 0,
    name: field.name,
    nameField: field.name === 'Name',
    nillable,
    picklistValues: field.picklistValues.map((value) => ({
      active: true,
      defaultValue: false,
      label: value,
      validFor: null,
      value,
    })),
    precision: field.type === 'currency' || field.type === 'double' ? 18 : 0,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    scale: field.type === 'currency' ? 2 : 0,
    soapType: soapType(field.type),
    sortable: field.type !== 'textarea',
    type: field.type,
    unique: false,
    updateable: field.updateable,
  };
}

/** The full `describe` of an object, from its schema. */
export function describeObject(schema: OrgSchema, object: ObjectSchema, base: string) {
  return {
    ...describeSummary(object, base),
    childRelationships: schema.childRelationships(object.name).map((child) => ({
      cascadeDelete: false,
      childSObject: child.childSObject,
      deprecatedAndHidden: false,
      field: child.field,
      relationshipName: child.relationshipName,
      restrictedDelete: false,
    })),
    fields: object.fields.map(describeField),
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }],
  };
}
