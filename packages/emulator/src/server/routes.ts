import { BULK1_INVALID_SESSION, bulk1Error, handleBulk1 } from '../bulk/bulk1-routes.js';
import { handleBulk2 } from '../bulk/bulk2-routes.js';
import { FRONTDOOR_PAGE, revoke, singleAccess } from '../oauth/revoke-and-single-access.js';
import { handleApexRest } from '../rest/apex-rest.js';
import { DATA_ROUTES } from '../rest/data-routes.js';
import { NOT_FOUND } from '../rest/salesforce-errors.js';
import { soapFault } from '../soap/soap-envelope.js';
import { handleSoap } from '../soap/soap-routes.js';
import { json } from './http-types.js';
import { identity } from './identity.js';
import type { Route } from './route-match.js';

/** The session token a request carries: `Authorization: Bearer|OAuth`, else `X-SFDC-Session`. */
export function bearer(request: { headers: Record<string, string> }): string | undefined {
  const header = request.headers.authorization ?? '';
  return /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header)?.[1] ?? request.headers['x-sfdc-session'];
}

/**
 * Every Salesforce path the emulator serves (the token endpoint and `/__emulator` aside), first
 * match wins: the open routes, then those that need a live session, ending with 404 NOT_FOUND.
 */
export const ROUTES: Route[] = [
  {
    method: 'ALL',
    path: '/services/oauth2/revoke',
    exact: true,
    session: false,
    handle: ({ state, request }) => ({ response: revoke(state, request) }),
  },
  {
    method: 'ALL',
    path: '/secur/frontdoor.jsp',
    exact: true,
    session: false,
    handle: () => ({ response: FRONTDOOR_PAGE }),
  },
  {
    method: 'ALL',
    path: '/id/keys',
    exact: true,
    session: false,
    handle: ({ state }) => ({ response: json(200, state.signer.jwks()) }),
  },
  {
    method: 'ALL',
    path: '/services/oauth2/singleaccess',
    exact: true,
    session: false,
    handle: ({ state, request }) => {
      const session = state.sessions.use(bearer(request));
      return {
        response: singleAccess(state, request, session !== undefined),
        ...(session ? { username: session.user.username } : {}),
      };
    },
  },
  {
    method: 'ALL',
    path: '/services/Soap/:api/:version/*',
    versioned: true,
    session: false,
    handle: ({ state, request, params }) => handleSoap(state, request, params.api!, params.version),
  },
  {
    method: 'ALL',
    path: '/services/Soap/*',
    session: false,
    handle: ({ rest }) => ({
      response: soapFault(
        'sf:UNSUPPORTED_API_VERSION',
        `UNSUPPORTED_API_VERSION: Invalid Api version specified on URL: ${rest[1] ?? ''}`,
      ),
    }),
  },
  {
    method: 'ALL',
    path: '/services/async/:version/*',
    versioned: true,
    session: false,
    handle: ({ state, request, params, rest }) => {
      const version = params.version!;
      const session = state.sessions.use(
        request.headers['x-sfdc-session'] ?? bearer(request),
        version,
      );
      if (!session) return { response: BULK1_INVALID_SESSION };
      return {
        response: handleBulk1(state, request, version, rest, session.user.userId),
        username: session.user.username,
      };
    },
  },
  {
    method: 'ALL',
    path: '/services/async/*',
    session: false,
    handle: ({ rest }) => ({
      response: bulk1Error(400, 'InvalidVersion', `Invalid version specified: ${rest[0] ?? ''}`),
    }),
  },
  {
    method: 'ALL',
    path: '/id/:orgId/:userId/*',
    session: true,
    handle: ({ state, request, params, session }) =>
      params.orgId === session.user.orgId && params.userId === session.user.userId
        ? json(200, identity(state, request, session.user))
        : json(403, [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'Bad_Id' }]),
  },
  {
    method: 'ALL',
    path: '/id/*',
    session: true,
    handle: () => json(403, [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'Bad_Id' }]),
  },
  {
    method: 'ALL',
    path: '/services/oauth2/userinfo/*',
    session: true,
    handle: ({ state, request, session }) => json(200, identity(state, request, session.user)),
  },
  {
    method: 'ALL',
    path: '/services/apexrest/*',
    session: true,
    handle: ({ state, request, rest, session }) => handleApexRest(state, request, rest, session),
  },
  {
    method: 'ALL',
    path: '/services/data/:version/jobs/*',
    versioned: true,
    session: true,
    handle: ({ state, request, params, rest, session }) =>
      handleBulk2({
        state,
        request,
        base: `/services/data/${params.version}`,
        parts: rest,
        userId: session.user.userId,
      }),
  },
  ...DATA_ROUTES,
  { method: 'ALL', path: '/*', session: true, handle: () => NOT_FOUND },
];
