import type { Session } from '../oauth/sessions.js';
import { servedVersion } from '../rest/api-versions.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { EmulatorRequest, EmulatorResponse } from './http-types.js';

/** What a route answers, with the user to log it under. */
export interface Answer {
  response: EmulatorResponse;
  username?: string;
}

/** What a handler is given: the request, the path's named segments and what `*` matched. */
export interface RouteContext {
  state: EmulatorState;
  request: EmulatorRequest;
  params: Record<string, string>;
  rest: string[];
}

/** One entry of the route table: method, path pattern and handler, as msw declares handlers. */
export type Route = {
  /** `ALL` for any method (the handler answers a wrong one as Salesforce does). */
  method: 'ALL' | 'GET' | 'POST';
  /**
   * Segments: a literal, `:name` (any one segment), `prefix*` (a segment starting with prefix,
   * in `params[prefix]`) and a final `*` (zero or more segments, in `rest`). Empty segments and
   * trailing slashes are ignored, except with `exact` (the path as sent).
   */
  path: string;
  exact?: boolean;
  /** The `:version` segment must be an API version the emulator serves, else no match. */
  versioned?: boolean;
} & (
  | { session: false; handle: (context: RouteContext) => Answer }
  | {
      /** A live session is needed: without one, 401 INVALID_SESSION_ID. */
      session: true;
      handle: (context: RouteContext & { session: Session }) => EmulatorResponse;
    }
);

/** The named segments and the rest when the route matches the path, else undefined. */
export function matchRoute(
  route: Route,
  method: string,
  path: string,
): Pick<RouteContext, 'params' | 'rest'> | undefined {
  if (route.method !== 'ALL' && route.method !== method) return undefined;
  if (route.exact) return route.path === path ? { params: {}, rest: [] } : undefined;
  const want = route.path.split('/').filter(Boolean);
  const parts = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  let rest: string[] | undefined;
  for (const [index, segment] of want.entries()) {
    const part = parts[index];
    if (segment === '*' && index === want.length - 1) {
      rest = parts.slice(index);
      break;
    }
    if (part === undefined) return undefined;
    if (segment.startsWith(':')) params[segment.slice(1)] = part;
    else if (segment.endsWith('*') && part.startsWith(segment.slice(0, -1)))
      params[segment.slice(0, -1)] = part;
    else if (segment !== part) return undefined;
  }
  if (!rest && parts.length !== want.length) return undefined;
  if (route.versioned && !servedVersion(params.version)) return undefined;
  return { params, rest: rest ?? [] };
}
