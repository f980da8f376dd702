import { type EmulatorRequest, type EmulatorResponse, json } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { notSupported } from './data-routes.js';

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
  return json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
}
