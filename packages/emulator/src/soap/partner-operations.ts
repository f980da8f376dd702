import { deleteRecord, findRecord, insertRecord, recordsOf, updateRecord } from '../org/dml.js';
import { tabList } from '../rest/org-resources.js';
import type { EmulatorResponse } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { type SoapCall, soapResult, toXml } from './soap-envelope.js';

type Row = Record<string, unknown>;
const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const failed = (statusCode: string, message: string, extra: Row = {}) => ({
  ...extra,
  errors: { message, statusCode },
  success: false,
});
const list = (value: unknown): Row[] => ([] as unknown[]).concat(value ?? []) as Row[];

/** Partner API `undelete`: takes records out of the recycle bin, back among the live ones. */
function undelete(state: EmulatorState, ids: string[]) {
  return ids.map((id) => {
    if (!ID.test(id)) return failed('MALFORMED_ID', `bad id ${id}`);
    const entry = state.data.recycleBin.take(id);
    if (!entry) return failed('UNDELETE_FAILED', 'Entity is not in the recycle bin', { id });
    const object = state.setup.schema.object(entry.objectKey);
    if (object) recordsOf(state, object).push({ ...entry.record, IsDeleted: false });
    return { id: entry.record.Id, success: true };
  });
}

/** Partner API `convertLead`: an Account (or the given one), a Contact, an Opportunity unless told not to. */
function convertLead(state: EmulatorState, request: Row, userId: string) {
  const leadId = String(request.leadId ?? '');
  const lead = findRecord(state, leadId, 'Lead');
  if (!lead) return failed('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', { leadId });
  if (lead.record.IsConverted === true)
    return failed('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', { leadId });
  const status = String(request.convertedStatus ?? '');
  if (status !== 'Closed - Converted')
    return failed('INVALID_STATUS', `invalid convertedStatus: ${status}`, { leadId });
  const { record } = lead;
  let accountId = request.accountId ? String(request.accountId) : undefined;
  if (!accountId) {
    const created = insertRecord(state, 'Account', { Name: record.Company }, userId);
    if (created.errors)
      return failed(created.errors[0]!.errorCode, created.errors[0]!.message, { leadId });
    accountId = created.id;
  }
  const contact = insertRecord(
    state,
    'Contact',
    {
      FirstName: record.FirstName ?? null,
      LastName: record.LastName,
      Email: record.Email ?? null,
      AccountId: accountId,
    },
    userId,
  );
  if (contact.errors)
    return failed(contact.errors[0]!.errorCode, contact.errors[0]!.message, { leadId });
  let opportunityId: string | null = null;
  if (String(request.doNotCreateOpportunity) !== 'true') {
    const closeDate = new Date(state.now()).toISOString().slice(0, 10);
    const opportunity = insertRecord(
      state,
      'Opportunity',
      {
        Name: `${record.Company}-`,
        StageName: 'Prospecting',
        CloseDate: closeDate,
        AccountId: accountId,
      },
      userId,
    );
    opportunityId = opportunity.id ?? null;
  }
  Object.assign(record, {
    Status: status,
    IsConverted: true,
    ConvertedAccountId: accountId,
    ConvertedContactId: contact.id,
    ConvertedOpportunityId: opportunityId,
    ConvertedDate: new Date(state.now()).toISOString().slice(0, 10),
  });
  return { accountId, contactId: contact.id, leadId: record.Id, opportunityId, success: true };
}

/** Partner API `merge`: updates the master record and deletes the others into the recycle bin. */
function merge(state: EmulatorState, request: Row, userId: string) {
  const { type, Id, ...fields } = (request.masterRecord ?? {}) as Row;
  const masterId = String(Id ?? '');
  const others = list(request.recordToMergeIds).map(String);
  if (!findRecord(state, masterId, String(type ?? '')))
    return failed('INVALID_ID_FIELD', 'invalid master record id', { id: masterId });
  if (others.length === 0 || others.length > 2)
    return failed('INVALID_ARGUMENT', 'merge takes one or two records to merge');
  const updated = updateRecord(state, masterId, fields, userId, String(type));
  if (updated.errors)
    return failed(updated.errors[0]!.errorCode, updated.errors[0]!.message, { id: masterId });
  for (const id of others) {
    const found = findRecord(state, id, String(type));
    if (found) found.record.MasterRecordId = masterId;
    deleteRecord(state, id, String(type));
  }
  return { id: masterId, mergedRecordIds: others, success: true, updatedRelatedIds: [] };
}

/**
 * Partner/Enterprise `undelete`, `convertLead`, `merge` and `describeTabs`; undefined for any
 * other operation.
 */
export function partnerOperation(
  state: EmulatorState,
  call: SoapCall,
  userId: string,
  namespace: string,
): EmulatorResponse | undefined {
  const { args } = call;
  let results: unknown[];
  switch (call.operation) {
    case 'undelete':
      results = undelete(state, list(args.ids).map(String));
      break;
    case 'convertLead':
      results = list(args.leadConverts).map((request) => convertLead(state, request, userId));
      break;
    case 'merge':
      results = list(args.mergeRequests).map((request) => merge(state, request, userId));
      break;
    case 'describeTabs': {
      const origin = state.instanceUrl(new URL('http://localhost'));
      results = [
        {
          label: 'Sales',
          logoUrl: `${origin}/img/seasonLogos/logo.png`,
          namespace: null,
          selected: true,
          tabs: tabList(state),
        },
      ];
      break;
    }
    default:
      return undefined;
  }
  return soapResult(
    call.operation,
    results.map((result) => toXml('result', result)).join(''),
    namespace,
  );
}
