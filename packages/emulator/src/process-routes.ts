import type { EmulatorState } from './emulator-state.js';
import type { EmulatorResponse } from './http-types.js';
import { notSupported } from './rest-routes.js';

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
