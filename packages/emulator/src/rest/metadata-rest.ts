import type { EmulatorRequest, EmulatorResponse } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { NOT_FOUND, notSupported } from './salesforce-errors.js';

/**
 * `/metadata/deployRequest[/<id>]` (REST deploy): deploying a package zip is not something the
 * emulator does, so it answers the documented not-supported fault, like SOAP deploy.
 */
export function handleMetadataRest(
  _state: EmulatorState,
  _request: EmulatorRequest,
  _base: string,
  parts: string[],
): EmulatorResponse {
  if (parts[0] === 'deployRequest')
    return notSupported('Deploying a metadata package (metadata/deployRequest)');
  return NOT_FOUND;
}
