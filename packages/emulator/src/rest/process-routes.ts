import type { EmulatorResponse } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { notSupported } from './salesforce-errors.js';

/**
 * `/process/rules` and `/process/approvals`: workflow rules and approval processes are org
 * automation the emulator does not run, so every call answers the documented not-supported
 * fault (never a fake success).
 */
export function handleProcess(
  _state: EmulatorState,
  _request: { method: string },
  parts: string[],
  _userId: string,
): EmulatorResponse {
  const kind = parts[0] === 'approvals' ? 'Approval processes' : 'Workflow rules';
  return notSupported(`${kind} (/process/${parts.join('/')})`);
}
