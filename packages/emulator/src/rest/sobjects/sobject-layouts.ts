import type { ObjectSchema } from '../../org/schema/org-schema.js';
import { type EmulatorResponse, json } from '../../server/http-types.js';
import { NOT_FOUND } from '../salesforce-errors.js';

/** One page layout: the object's fields in one detail and one edit section, as describe lists it. */
function layout(object: ObjectSchema) {
  const rows = object.fields
    .filter((field) => field.name !== 'Id' && field.type !== 'address')
    .map((field) => ({
      layoutItems: [
        {
          editableForNew: field.createable,
          editableForUpdate: field.updateable,
          label: field.label,
          layoutComponents: [{ type: 'Field', value: field.name, details: null }],
          placeholder: false,
          required: field.required,
        },
      ],
      numItems: 1,
    }));
  const section = (heading: string) => ({
    collapsed: false,
    columns: 1,
    heading,
    layoutRows: rows,
    layoutSectionId: null,
    parentLayoutId: null,
    rows: rows.length,
    tabOrder: 'TopToBottom',
    useCollapsibleSection: false,
    useHeading: true,
  });
  return {
    buttonLayoutSection: { detailButtons: [] },
    detailLayoutSections: [section('Information')],
    editLayoutSections: [section('Information')],
    feedView: null,
    highlightsPanelLayoutSection: null,
    id: null,
    multirowEditLayoutSections: [],
    offlineLinks: [],
    quickActionList: { quickActionListItems: [] },
    relatedContent: null,
    relatedLists: [],
    saveOptions: [],
  };
}

function layouts(object: ObjectSchema) {
  return { layouts: [layout(object)], recordTypeMappings: [], recordTypeSelectorRequired: [false] };
}

/**
 * `describe/layouts[/<name>]`, `describe/compactLayouts` and `describe/approvalLayouts` of an
 * object: one layout built from its fields (an emulated org has no layout metadata of its own).
 */
export function describeSubresource(
  object: ObjectSchema,
  resource: string,
  name: string | undefined,
): EmulatorResponse {
  switch (resource) {
    case 'layouts':
      return json(200, layouts(object));
    case 'namedLayouts':
      return name ? json(200, layouts(object)) : NOT_FOUND;
    case 'compactLayouts': {
      const nameField = object.fields.find((field) => field.name === 'Name') ?? object.fields[0];
      return json(200, {
        compactLayouts: [
          {
            actions: [],
            fieldItems: nameField ? [{ label: nameField.label, placeholder: false }] : [],
            id: null,
            imageItems: [],
            label: 'System Default',
            name: 'SYSTEM',
            objectType: object.name,
          },
        ],
        defaultCompactLayoutId: null,
        recordTypeCompactLayoutMappings: [],
      });
    }
    case 'approvalLayouts':
      return json(200, { approvalLayouts: [] });
    default:
      return NOT_FOUND;
  }
}
