import type { EmulatorRequest } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';

/** A call to a REST resource: the request, the API's base path, the path after the resource, the caller. */
export interface RestCall {
  state: EmulatorState;
  request: EmulatorRequest;
  /** `/services/data/vXX.X`. */
  base: string;
  parts: string[];
  userId: string;
}
