import { type EmulatorResponse, json } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';

type Row = Record<string, unknown>;

/**
 * `GET /recent[?limit=]` and the `recentItems` of `GET /sobjects/<Type>`: the records viewed or
 * referenced (a SOQL query `FOR VIEW` or `FOR REFERENCE` sets LastViewedDate or
 * LastReferencedDate), last seen first.
 */
export function recentItems(state: EmulatorState, base: string, type?: string, limit = 200): Row[] {
  const objects = type
    ? [state.setup.schema.object(type)].filter((object) => object !== undefined)
    : state.setup.schema.objects();
  const items: Row[] = [];
  for (const object of objects) {
    if (!object.fields.some((field) => field.name === 'Name')) continue;
    if (!type && ['User', 'Profile', 'Organization'].includes(object.name)) continue;
    for (const row of state.data.records.get(object.name.toLowerCase()) ?? []) {
      const seen = [row.LastViewedDate, row.LastReferencedDate]
        .filter(Boolean)
        .map(String)
        .sort()
        .at(-1);
      if (!seen) continue;
      items.push({
        attributes: { type: object.name, url: `${base}/sobjects/${object.name}/${row.Id}` },
        Id: row.Id,
        Name: row.Name ?? null,
        LastModifiedDate: seen,
      });
    }
  }
  items.sort((a, b) => String(b.LastModifiedDate).localeCompare(String(a.LastModifiedDate)));
  return items.slice(0, limit).map(({ LastModifiedDate: _, ...item }) => item);
}

/** `GET /tabs`: a tab per standard object that has one, as a Developer Edition org lists them. */
export function tabs(state: EmulatorState): EmulatorResponse {
  return json(200, tabList(state));
}

/** The org's tabs (REST `/tabs`, SOAP `describeTabs`). */
export function tabList(state: EmulatorState): Row[] {
  const tabbed = [
    'Account',
    'Contact',
    'Opportunity',
    'Lead',
    'Case',
    'Campaign',
    'Contract',
    'Product2',
  ];
  const origin = state.instanceUrl(new URL('http://localhost'));
  return tabbed
    .map((name) => state.setup.schema.object(name))
    .filter((object) => object !== undefined)
    .map((object) => ({
      colors: [{ color: '1798c1', context: 'primary', theme: 'theme4' }],
      custom: false,
      iconUrl: `${origin}/img/icon/${object.name.toLowerCase()}s32.png`,
      icons: [
        {
          contentType: 'image/png',
          height: 32,
          theme: 'theme3',
          url: `${origin}/img/icon/${object.name.toLowerCase()}s32.png`,
          width: 32,
        },
      ],
      label: object.labelPlural,
      miniIconUrl: `${origin}/img/icon/${object.name.toLowerCase()}s16.png`,
      name: `standard-${object.name}`,
      sobjectName: object.name,
      url: `${origin}/${object.keyPrefix}/o`,
    }));
}

/** `GET /theme`: a theme item per object (colors and icons). */
export function theme(state: EmulatorState): EmulatorResponse {
  const origin = state.instanceUrl(new URL('http://localhost'));
  return json(200, {
    themeItems: state.setup.schema.objects().map((object) => ({
      colors: [{ color: '1798c1', context: 'primary', theme: 'theme4' }],
      icons: [
        {
          contentType: 'image/svg+xml',
          height: 0,
          theme: 'theme4',
          url: `${origin}/img/icon/t4v35/standard/${object.name.toLowerCase()}.svg`,
          width: 0,
        },
      ],
      name: object.name,
    })),
  });
}
