import { findRecord } from '../org/dml.js';
import { NOT_FOUND } from '../rest/salesforce-errors.js';
import { type EmulatorResponse, json } from '../server/http-types.js';
import { parseBody } from '../server/json-body.js';
import type { EmulatorState } from '../state/emulator-state.js';

const MAX_EVENTS = 200;

/**
 * `POST /sobjects/StreamingChannel/<id>/push` with `{ pushEvents: [{ payload, userIds }] }`:
 * publishes each payload on the channel (`/u/Name`) for every subscriber (`userIds` empty);
 * `fanoutCount` is -1 as Salesforce answers when it does not count. Without a Streaming server
 * (msw), the documented not-supported answer.
 */
export function pushToChannel(state: EmulatorState, id: string, body: string): EmulatorResponse {
  const channel = findRecord(state, id, 'StreamingChannel');
  if (!channel) return NOT_FOUND;
  const publish = state.changes.publisher;
  if (!publish) {
    return json(400, [
      {
        errorCode: 'FUNCTIONALITY_NOT_ENABLED',
        message: 'Streaming is not supported by the emulator over msw (sf-jwt emulator)',
      },
    ]);
  }
  const events = (parseBody(body)?.pushEvents ?? []) as Array<{
    payload?: unknown;
    userIds?: string[];
  }>;
  if (!Array.isArray(events) || events.length > MAX_EVENTS) {
    return json(400, [
      { errorCode: 'INVALID_INPUT', message: `pushEvents must be a list of at most ${MAX_EVENTS}` },
    ]);
  }
  return json(
    200,
    events.map((event) => {
      publish(String(channel.record.Name), { payload: event.payload ?? null });
      return { fanoutCount: -1, userOnlineStatus: {} };
    }),
  );
}
