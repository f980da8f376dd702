// Generates src/org/schema/standard-fields.json from the field lists jsforce ships
// (lib/types/standard-schema.d.ts, taken from a real org: names, types, nullability, parents).
// Run: node scripts/generate-standard-fields.mjs (from packages/emulator), then pnpm format.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const OBJECTS = [
  'Account',
  'Contact',
  'Opportunity',
  'Lead',
  'Case',
  'User',
  'Profile',
  'Organization',
  'ApexClass',
  'PushTopic',
  'StreamingChannel',
  'Task',
  'Event',
  'Campaign',
  'CampaignMember',
  'Contract',
  'Order',
  'Product2',
  'Pricebook2',
  'PricebookEntry',
  'OpportunityLineItem',
  'OpportunityContactRole',
  'AccountContactRole',
  'Asset',
  'Note',
  'Attachment',
  'Group',
  'UserRole',
  'RecordType',
  'StaticResource',
  'Document',
  'Folder',
  'ContentVersion',
  'FeedItem',
  'FeedComment',
  'EmailTemplate',
  'ActivityHistory',
  'OpenActivity',
];
const DATETIME =
  /(?:CreatedDate|LastModifiedDate|SystemModstamp|LastViewedDate|LastReferencedDate|LastLoginDate|LastPasswordChangeDate|ClosedDate|ConvertedDate|DateTime|Time|Modstamp|EmailBouncedDate|LastTransferDate|CompletedDateTime|ActivatedDate|StartDateTime|EndDateTime|ReminderDateTime|LastCuRequestDate|LastCuUpdateDate|LastStageChangeDate|OfflinePdaTrialExpirationDate|OfflineTrialExpirationDate|TrialExpirationDate|FirstRespondedDate|CompanySignedDate|LastApprovedDate|ExpirationDate)$/;
const PICKLISTS =
  /^(?:Status|StageName|Industry|Type|Rating|LeadSource|AccountSource|Priority|Origin|Reason|Salutation|Ownership|ForecastCategoryName|ForecastCategory|TimeZoneSidKey|LocaleSidKey|LanguageLocaleKey|EmailEncodingKey|UserType|OrganizationType|NotifyForFields|CleanStatus|GeocodeAccuracy|\w+GeocodeAccuracy|DeliveryStatus|CallType|ShowAs|Visibility|NotifyForOperations)$/;
const READ_ONLY =
  /^(?:MasterRecordId|LastActivityDate|LastViewedDate|LastReferencedDate|PhotoUrl|IsClosed|IsWon|CaseNumber|IsDeleted|LastCURequestDate|LastCUUpdateDate|IsEscalated|ClosedDate|IsConverted|ConvertedDate|ConvertedAccountId|ConvertedContactId|ConvertedOpportunityId|HasOpportunityLineItem|ForecastCategory|FiscalQuarter|FiscalYear|Fiscal|ExpectedRevenue|IsPrivate|OrderNumber|ContractNumber|TotalAmount|IsArchived|IsRecurrence|Division|BodyLength|ContentSize|SystemModstamp)$/;

const require = createRequire(join(process.cwd(), 'package.json'));
const source = readFileSync(
  join(dirname(require.resolve('jsforce/package.json')), 'lib/types/standard-schema.d.ts'),
  'utf8',
);
const block = (kind, name) => {
  const match = new RegExp(`type ${kind}\\$${name} = \\{\\n([\\s\\S]*?)\\n\\};`).exec(source);
  return match ? match[1].split('\n').map((line) => line.trim().replace(/;$/, '')) : [];
};

function fieldCode(name, tsType, parents) {
  const nullable = tsType.endsWith('| null');
  const base = tsType.replace(' | null', '');
  let code;
  if (name === 'Id') code = 'id';
  else if (base === 'boolean') code = 'boolean';
  else if (base === 'Address') code = 'address';
  else if (base === 'BlobString') code = 'base64';
  else if (base === 'DateString')
    code = DATETIME.test(name) || !/Date$/.test(name) ? 'datetime' : 'date';
  else if (base === 'number') {
    if (/^(?:NumberOf|Number)|Count$|Year$|Quantity$|Order$|Size$|Length$/.test(name)) code = 'int';
    else if (/Amount|Revenue|Price|Cost|Value$/.test(name)) code = 'currency';
    else if (/Probability|Percent|Discount/.test(name)) code = 'percent';
    else code = 'double';
  } else if (name.endsWith('Id') && parents.has(name.slice(0, -2))) {
    code = `reference:${parents.get(name.slice(0, -2))}`;
  } else if (PICKLISTS.test(name)) code = 'picklist';
  else if (/Email$/.test(name)) code = 'email';
  else if (/Phone$|^Fax$/.test(name)) code = 'phone';
  else if (/Website$|Url$/.test(name)) code = 'url';
  else if (/^Description$|^Body$|^Query$|Comments?$/.test(name)) code = 'textarea';
  else code = 'string';
  const readOnly = READ_ONLY.test(name) || code === 'address';
  return `${code}${nullable ? '' : '!'}${readOnly ? '~' : ''}`;
}

const out = {};
for (const object of OBJECTS) {
  const parents = new Map();
  for (const line of block('ParentReferences', object)) {
    const match = /^(\w+): SObjectDefinition\$(\w+)/.exec(line);
    if (match) parents.set(match[1], match[2] === 'Name' ? 'User' : match[2]);
  }
  const fields = {};
  for (const line of block('Fields', object)) {
    const match = /^(\w+): (.+)$/.exec(line);
    if (match) fields[match[1]] = fieldCode(match[1], match[2], parents);
  }
  if (Object.keys(fields).length === 0) throw new Error(`${object} is not in standard-schema.d.ts`);
  out[object] = fields;
}

// Child relationship names (Account.Opportunities), where a child object appears once under a parent.
const children = {};
for (const parent of OBJECTS) {
  const counts = new Map();
  const names = new Map();
  for (const line of block('ChildRelationships', parent)) {
    const match = /^(\w+): SObjectDefinition\$(\w+)/.exec(line);
    if (!match || !OBJECTS.includes(match[2])) continue;
    counts.set(match[2], (counts.get(match[2]) ?? 0) + 1);
    names.set(match[2], match[1]);
  }
  const unique = [...names].filter(([child]) => counts.get(child) === 1);
  if (unique.length > 0) children[parent] = Object.fromEntries(unique);
}

// A data file, not code: loaded by standard-fields.ts through a JSON import, which tsup inlines
// in the ESM and CJS builds and vitest and tsx read as they are.
writeFileSync(
  'src/org/schema/standard-fields.json',
  `${JSON.stringify({ fields: out, children }, null, 2)}\n`,
);
console.log(`wrote ${OBJECTS.length} objects`);
