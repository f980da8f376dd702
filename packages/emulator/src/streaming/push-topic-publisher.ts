import { soqlSource } from '../rest/query-routes.js';
import { runSoql } from '../soql/run-soql.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { RecordChange } from './record-change-hub.js';

/**
 * Salesforce evaluates PushTopics after the transaction commits, asynchronously: an event reaches
 * subscribers a moment after the DML's answer, never before it. At most 10,000 events wait.
 */
const PUBLISH_DELAY_MS = 1000;
const MAX_PENDING = 10_000;
const CHANNEL_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

const OPERATION_FIELD = {
  created: 'NotifyForOperationCreate',
  updated: 'NotifyForOperationUpdate',
  deleted: 'NotifyForOperationDelete',
  undeleted: 'NotifyForOperationUndelete',
} as const;

/**
 * Publishes applied DML to the PushTopics whose query matches the record, on `/topic/<Name>`,
 * through the Streaming event log (`publish`): each active topic that notifies for the operation
 * (create and update by default, as on Salesforce) gets the record's fields its query selects,
 * `delayMs` after the DML (default 1 s).
 */
export function publishPushTopics(
  state: EmulatorState,
  publish: (channel: string, sobject: Record<string, unknown>, type: string) => number,
  delayMs = PUBLISH_DELAY_MS,
): () => void {
  const pending = new Set<NodeJS.Timeout>();
  const later = (send: () => void) => {
    if (pending.size >= MAX_PENDING) return send();
    const timer = setTimeout(() => {
      pending.delete(timer);
      send();
    }, delayMs);
    pending.add(timer);
  };
  const stop = state.changes.listen((change: RecordChange) => {
    if (change.object === 'PushTopic') return;
    for (const topic of state.data.records.get('pushtopic') ?? []) {
      if (topic.IsActive === false) continue;
      const flag = topic[OPERATION_FIELD[change.type]];
      const notify =
        flag === undefined || flag === null
          ? change.type === 'created' || change.type === 'updated'
          : flag === true || flag === 'true';
      if (!notify) continue;
      const sobject = match(state, String(topic.Query ?? ''), change);
      // A topic whose name is no channel name publishes nothing; the DML itself goes on.
      if (sobject && CHANNEL_NAME.test(String(topic.Name))) {
        const channel = `/topic/${String(topic.Name)}`;
        later(() => publish(channel, sobject, change.type));
      }
    }
  });
  return () => {
    stop();
    for (const timer of pending) clearTimeout(timer);
    pending.clear();
  };
}

/** The record as the topic's query selects it, or undefined when the query does not match it. */
function match(
  state: EmulatorState,
  soql: string,
  change: RecordChange,
): Record<string, unknown> | undefined {
  const source = soqlSource(state, '/services/data/v64.0');
  try {
    const result = runSoql(soql, {
      ...source,
      records: new Map([[change.object.toLowerCase(), [change.record]]]),
    });
    const row = result.records[0];
    if (!row) return undefined;
    const { attributes: _, ...fields } = row;
    return fields;
  } catch {
    return undefined;
  }
}
