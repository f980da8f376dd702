import type { FieldSchema } from '../org/schema/field-types.js';
import type { ObjectSchema, OrgSchema } from '../org/schema/org-schema.js';
import { invalidField, invalidRelationship, SoqlFailure } from './soql-errors.js';

type Row = Record<string, unknown>;

/** A resolved `Account.Owner.Name`: the relationship hops and the final field. */
export interface FieldPath {
  hops: Array<{ reference: FieldSchema; target: ObjectSchema }>;
  field: FieldSchema;
  /** The object the final field is on. */
  object: ObjectSchema;
}

/** Resolves a dotted path against the schema; throws Salesforce's INVALID_FIELD otherwise. */
export function resolvePath(
  schema: OrgSchema,
  root: ObjectSchema,
  path: string,
  soql: string,
): FieldPath {
  const names = path.split('.');
  // A leading object name or alias (`Account.Name` on Account) is allowed.
  if (
    names.length > 1 &&
    names[0]!.toLowerCase() === root.name.toLowerCase() &&
    !schema.relationship(root.name, names[0]!)
  ) {
    names.shift();
  }
  let object = root;
  const hops: FieldPath['hops'] = [];
  for (const relationship of names.slice(0, -1)) {
    const reference = schema.relationship(object.name, relationship);
    const target = reference && schema.object(reference.referenceTo[0] ?? '');
    if (!reference || !target) throw new SoqlFailure(invalidRelationship(soql, relationship));
    hops.push({ reference, target });
    object = target;
  }
  const last = names[names.length - 1]!;
  const field = object.fields.find((f) => f.name.toLowerCase() === last.toLowerCase());
  if (!field) throw new SoqlFailure(invalidField(soql, last, object.name));
  return { hops, field, object };
}

/** Follows a reference Id to the parent record. */
export function parentOf(
  records: Map<string, Row[]>,
  target: ObjectSchema,
  id: unknown,
): Row | undefined {
  if (typeof id !== 'string' || id.length < 15) return undefined;
  return records
    .get(target.name.toLowerCase())
    ?.find((row) => String(row.Id).slice(0, 15) === id.slice(0, 15));
}

/** The value at a path for a record (null when a parent is missing). */
export function readPath(records: Map<string, Row[]>, record: Row, path: FieldPath): unknown {
  let current: Row | undefined = record;
  for (const hop of path.hops) {
    current = parentOf(records, hop.target, current[hop.reference.name]);
    if (!current) return null;
  }
  return current[path.field.name] ?? null;
}
