import { CONVERTED_LEAD_STATUSES } from '../org/schema/standard-picklists.js';
import type { EmulatorState } from '../state/emulator-state.js';

/**
 * readMetadata of a standard picklist field (`Lead.Status`) as a CustomField with its values;
 * converted Lead statuses carry `converted: true`. Undefined for anything else.
 */
export function standardPicklist(state: EmulatorState, fullName: string) {
  const [objectName, fieldName] = fullName.split('.');
  const field = state.setup.schema.field(objectName ?? '', fieldName ?? '');
  if (!field || field.custom || field.type !== 'picklist') return undefined;
  const object = state.setup.schema.object(objectName!)!;
  const isLeadStatus = object.name === 'Lead' && field.name === 'Status';
  return {
    fullName: `${object.name}.${field.name}`,
    picklist: {
      picklistValues: field.picklistValues.map((value, index) => ({
        fullName: value,
        ...(isLeadStatus ? { converted: CONVERTED_LEAD_STATUSES.includes(value) } : {}),
        default: index === 0,
      })),
      sorted: false,
    },
    type: 'Picklist',
  };
}
