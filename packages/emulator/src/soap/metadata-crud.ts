import type { EmulatorResponse } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { type SoapCall, soapResult, toXml } from './soap-envelope.js';

type Row = Record<string, unknown>;
const stores = new WeakMap<EmulatorState, Map<string, Map<string, Row>>>();
const MAX_COMPONENTS = 10_000;

function store(state: EmulatorState, type: string): Map<string, Row> {
  let byType = stores.get(state);
  if (!byType) {
    byType = new Map();
    stores.set(state, byType);
  }
  let components = byType.get(type);
  if (!components) {
    components = new Map();
    byType.set(type, components);
  }
  return components;
}

/** The components of a type created through the Metadata API (by full name). */
export function storedComponents(state: EmulatorState, type: string): Row[] {
  return [...store(state, type).values()];
}

/** A stored component by type and full name (case-insensitive). */
export function storedComponent(
  state: EmulatorState,
  type: string,
  fullName: string,
): Row | undefined {
  return store(state, type).get(fullName.toLowerCase());
}

/** True when the org holds the component, stored here or in its schema. */
function exists(state: EmulatorState, type: string, fullName: string): boolean {
  if (store(state, type).has(fullName.toLowerCase())) return true;
  if (type === 'CustomObject') return state.setup.schema.object(fullName)?.custom === true;
  return false;
}

/** Applies a CustomObject to the schema, so its records can be written and queried at once. */
function applyToSchema(state: EmulatorState, type: string, component: Row): void {
  if (type !== 'CustomObject') return;
  const fullName = String(component.fullName);
  const nameField = (component.nameField ?? {}) as Row;
  state.setup.schema.define(fullName, {
    ...(component.label ? { label: String(component.label) } : {}),
    ...(component.pluralLabel ? { labelPlural: String(component.pluralLabel) } : {}),
    fields: {
      Name: {
        label: String(nameField.label ?? 'Name'),
        createable: nameField.type !== 'AutoNumber',
      },
    },
  });
}

const failure = (fullName: string, statusCode: string, message: string) => ({
  errors: { message, statusCode },
  fullName,
  success: false,
});

/** The xsi:type of each `<metadata>` element of a create/update/upsert, in order. */
function declaredTypes(body: string): string[] {
  return [...body.matchAll(/<(?:\w+:)?metadata\b[^>]*\btype="(?:\w+:)?(\w+)"/g)].map(
    (match) => match[1]!,
  );
}

/**
 * createMetadata, updateMetadata, upsertMetadata, renameMetadata and deleteMetadata on the kinds
 * the org holds: components are kept (at most 10,000), and CustomObjects change the schema
 * (create/rename/delete an object). Undefined for other operations.
 */
export function metadataCrud(
  state: EmulatorState,
  call: SoapCall,
  body: string,
  namespace: string,
): EmulatorResponse | undefined {
  const { operation, args } = call;
  const items = (args.metadata ?? []) as Row[];
  const types = declaredTypes(body);
  const results: Row[] = [];
  const save = (type: string, component: Row) => {
    const components = store(state, type);
    components.set(String(component.fullName).toLowerCase(), component);
    while (components.size > MAX_COMPONENTS) components.delete(components.keys().next().value!);
    applyToSchema(state, type, component);
  };
  switch (operation) {
    case 'createMetadata':
    case 'updateMetadata':
    case 'upsertMetadata':
      items.forEach((item, index) => {
        const type = types[index] ?? 'CustomObject';
        const fullName = String(item.fullName ?? '');
        const present = exists(state, type, fullName);
        if (operation === 'createMetadata' && present) {
          results.push(
            failure(
              fullName,
              'DUPLICATE_DEVELOPER_NAME',
              `There is already a ${type} named ${fullName}.`,
            ),
          );
        } else if (operation === 'updateMetadata' && !present) {
          results.push(
            failure(
              fullName,
              'INVALID_CROSS_REFERENCE_KEY',
              `In field: fullName - no ${type} named ${fullName} found`,
            ),
          );
        } else {
          const merged: Row = { ...(storedComponent(state, type, fullName) ?? {}), ...item };
          // An element sent as xsi:nil (parsed as '') clears the property.
          for (const [key, value] of Object.entries(merged)) if (value === '') delete merged[key];
          save(type, merged);
          results.push({
            ...(operation === 'upsertMetadata' ? { created: !present } : {}),
            fullName,
            success: true,
          });
        }
      });
      break;
    case 'renameMetadata': {
      const type = String(args.type ?? '');
      const oldName = String(args.oldFullName ?? '');
      const newName = String(args.newFullName ?? '');
      const component = storedComponent(state, type, oldName);
      if (!component) {
        results.push(
          failure(oldName, 'INVALID_CROSS_REFERENCE_KEY', `no ${type} named ${oldName} found`),
        );
        break;
      }
      store(state, type).delete(oldName.toLowerCase());
      if (type === 'CustomObject') state.setup.schema.remove(oldName);
      save(type, { ...component, fullName: newName });
      results.push({ fullName: oldName, success: true });
      break;
    }
    case 'deleteMetadata': {
      const type = String(args.type ?? '');
      const names = ([] as unknown[]).concat(args.fullNames ?? []).map(String);
      for (const fullName of names) {
        if (!exists(state, type, fullName)) {
          results.push(
            failure(fullName, 'INVALID_CROSS_REFERENCE_KEY', `no ${type} named ${fullName} found`),
          );
          continue;
        }
        store(state, type).delete(fullName.toLowerCase());
        if (type === 'CustomObject') state.setup.schema.remove(fullName);
        results.push({ fullName, success: true });
      }
      break;
    }
    default:
      return undefined;
  }
  return soapResult(
    operation,
    results.map((result) => toXml('result', result)).join(''),
    namespace,
  );
}
