import type { ObjectSchema } from '../org/schema/org-schema.js';
import type { EmulatorResponse } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { storedComponent, storedComponents } from './metadata-crud.js';
import { escapeXml, type SoapCall, soapResult, toXml } from './soap-envelope.js';
import { standardPicklist } from './standard-picklist-metadata.js';

/** The metadata types the emulated org knows (describeMetadata). */
const TYPES = [
  { xmlName: 'ApexClass', directoryName: 'classes', suffix: 'cls', metaFile: true },
  { xmlName: 'ApexTrigger', directoryName: 'triggers', suffix: 'trigger', metaFile: true },
  {
    xmlName: 'CustomObject',
    directoryName: 'objects',
    suffix: 'object',
    metaFile: false,
    childXmlNames: ['CustomField'],
  },
  { xmlName: 'Layout', directoryName: 'layouts', suffix: 'layout', metaFile: false },
  {
    xmlName: 'PermissionSet',
    directoryName: 'permissionsets',
    suffix: 'permissionset',
    metaFile: false,
  },
  { xmlName: 'Profile', directoryName: 'profiles', suffix: 'profile', metaFile: false },
  {
    xmlName: 'StaticResource',
    directoryName: 'staticresources',
    suffix: 'resource',
    metaFile: true,
  },
];

const FIELD_TYPES: Record<string, string> = {
  string: 'Text',
  textarea: 'LongTextArea',
  email: 'Email',
  phone: 'Phone',
  url: 'Url',
  picklist: 'Picklist',
  boolean: 'Checkbox',
  int: 'Number',
  double: 'Number',
  currency: 'Currency',
  percent: 'Percent',
  date: 'Date',
  datetime: 'DateTime',
  reference: 'Lookup',
  id: 'Id',
};

/** describeMetadata, listMetadata and readMetadata over what the org holds; undefined for others. */
export function metadataOperation(
  state: EmulatorState,
  call: SoapCall,
  namespace: string,
): EmulatorResponse | undefined {
  switch (call.operation) {
    case 'describeMetadata': {
      const result = {
        metadataObjects: TYPES.map(({ childXmlNames, ...type }) => ({
          ...(childXmlNames ? { childXmlNames } : {}),
          directoryName: type.directoryName,
          inFolder: false,
          metaFile: type.metaFile,
          suffix: type.suffix,
          xmlName: type.xmlName,
        })),
        organizationNamespace: '',
        partialSaveAllowed: true,
        testRequired: state.setup.environment === 'production',
      };
      return soapResult('describeMetadata', toXml('result', result), namespace);
    }
    case 'listMetadata': {
      const queries = (call.args.queries ?? []) as Array<{ type?: string }>;
      const results = queries.flatMap((query) =>
        holdings(state, query.type ?? '').map((fullName) =>
          fileProperties(state, query.type!, fullName),
        ),
      );
      return soapResult(
        'listMetadata',
        results.map((result) => toXml('result', result)).join(''),
        namespace,
      );
    }
    case 'readMetadata': {
      const type = String(call.args.type ?? '');
      const held = new Map(holdings(state, type).map((name) => [name.toLowerCase(), name]));
      const records = ((call.args.fullNames ?? []) as unknown[]).map((requested) => {
        const stored = storedComponent(state, type, String(requested));
        const fullName = held.get(String(requested).toLowerCase());
        const picklist =
          type === 'CustomField' ? standardPicklist(state, String(requested)) : undefined;
        if (!fullName && !stored && !picklist) return `<records xsi:type="${escapeXml(type)}"/>`;
        const body =
          stored ??
          picklist ??
          (type === 'CustomObject'
            ? customObject(state.setup.schema.object(fullName!)!)
            : { fullName });
        return toXml('records', body).replace(
          '<records>',
          `<records xsi:type="${escapeXml(type)}">`,
        );
      });
      return soapResult('readMetadata', `<result>${records.join('')}</result>`, namespace);
    }
    default:
      return undefined;
  }
}

/** The full names of the components of a type the org holds. */
function holdings(state: EmulatorState, type: string): string[] {
  const { schema, metadata } = state.setup;
  const { records } = state.data;
  const extra = [
    ...(metadata[type] ?? []),
    ...storedComponents(state, type)
      .map((component) => String(component.fullName))
      .filter((name) => type !== 'CustomObject' || !schema.object(name)),
  ];
  switch (type) {
    case 'CustomObject':
      return [...schema.objects().map((object) => object.name), ...extra];
    case 'CustomField':
      return [
        ...schema
          .objects()
          .flatMap((object) =>
            object.fields
              .filter((field) => field.custom)
              .map((field) => `${object.name}.${field.name}`),
          ),
        ...extra,
      ];
    case 'ApexClass':
      return [...(records.get('apexclass') ?? []).map((record) => String(record.Name)), ...extra];
    default:
      return extra;
  }
}

function fileProperties(state: EmulatorState, type: string, fullName: string) {
  const directory = TYPES.find((known) => known.xmlName === type);
  const user = [...state.setup.users.values()][0];
  const at = new Date(0).toISOString();
  return {
    createdById: user?.userId ?? '',
    createdByName: user?.name ?? '',
    createdDate: at,
    fileName: directory
      ? `${directory.directoryName}/${fullName}.${directory.suffix}`
      : `${fullName}`,
    fullName,
    id: '',
    lastModifiedById: user?.userId ?? '',
    lastModifiedByName: user?.name ?? '',
    lastModifiedDate: at,
    manageableState: 'unmanaged',
    type,
  };
}

function customObject(object: ObjectSchema) {
  const name = object.fields.find((field) => field.name === 'Name');
  return {
    fullName: object.name,
    ...(name
      ? { nameField: { label: name.label, type: name.createable ? 'Text' : 'AutoNumber' } }
      : {}),
    fields: object.fields
      .filter((field) => field.custom)
      .map((field) => ({
        fullName: field.name,
        label: field.label,
        required: field.required,
        type: FIELD_TYPES[field.type] ?? 'Text',
        ...(field.type === 'reference'
          ? { referenceTo: field.referenceTo[0], relationshipName: field.relationshipName }
          : {}),
      })),
    label: object.label,
    pluralLabel: object.labelPlural,
  };
}
