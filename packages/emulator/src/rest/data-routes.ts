import type { Session } from '../oauth/sessions.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { API_VERSIONS, servedVersion } from './api-versions.js';
import { handleChatter, handleConnectBatch } from './chatter-routes.js';
import { handleCompositeSobjects } from './composite-routes.js';
import { handleFlowActions } from './flow-actions.js';
import { limits } from './limits.js';
import { handleMetadataRest } from './metadata-rest.js';
import { recentItems, tabs, theme } from './org-resources.js';
import { handleProcess } from './process-routes.js';
import { query, queryMore } from './query-routes.js';
import { handleQuickActions } from './quick-actions.js';
import { NOT_FOUND, notSupported } from './salesforce-errors.js';
import { handleSobjects } from './sobjects/sobject-routes.js';
import { search } from './sosl-search.js';
import { completions } from './tooling-completions.js';

/** `/services/data[/vXX.X/...]`: versions, resources, query, sobjects, composite, search, limits, tooling. */
export function handleRest(
  state: EmulatorState,
  request: EmulatorRequest,
  session: Session,
  parts: string[],
): EmulatorResponse {
  const origin = request.url.origin;
  const [versionPart, resource, ...rest] = parts;
  if (!versionPart) {
    return json(
      200,
      API_VERSIONS.map((version) => ({
        label: `v${version}`,
        url: `/services/data/v${version}`,
        version,
      })),
    );
  }
  if (!servedVersion(versionPart)) return NOT_FOUND;
  const base = `/services/data/${versionPart}`;
  const { user } = session;
  switch (resource ?? '') {
    case '':
      return json(200, {
        sobjects: `${base}/sobjects`,
        query: `${base}/query`,
        queryAll: `${base}/queryAll`,
        search: `${base}/search`,
        composite: `${base}/composite`,
        limits: `${base}/limits`,
        tooling: `${base}/tooling`,
        jobs: `${base}/jobs`,
        actions: `${base}/actions`,
        identity: `${origin}/id/${user.orgId}/${user.userId}`,
      });
    case 'query':
    case 'queryAll':
      return rest[0]
        ? queryMore(state, base, rest[0])
        : query(state, request, base, resource === 'queryAll');
    case 'search':
      return search(state, request, base);
    case 'tooling':
      if (rest[0] === 'query')
        return rest[1] ? queryMore(state, base, rest[1]) : query(state, request, `${base}/tooling`);
      if (rest[0] === 'executeAnonymous')
        return notSupported('Executing anonymous Apex (tooling/executeAnonymous)');
      if (rest[0]?.startsWith('runTests'))
        return notSupported(`Running Apex tests (tooling/${rest[0]})`);
      if (rest[0] === 'completions') return completions(state, request);
      if (rest[0] === 'sobjects')
        return handleSobjects(state, request, `${base}/tooling`, rest.slice(1), user.userId);
      return NOT_FOUND;
    case 'sobjects':
      return handleSobjects(state, request, base, rest, user.userId);
    case 'composite':
      if (rest[0] === 'sobjects')
        return handleCompositeSobjects(state, request, base, rest.slice(1), user.userId);
      return notSupported(`The composite resource /composite${rest[0] ? `/${rest[0]}` : ''}`);
    case 'limits':
      return json(200, limits(state));
    case 'actions':
      return handleFlowActions(request, base, rest) ?? NOT_FOUND;
    case 'recent':
      return json(
        200,
        recentItems(state, base, undefined, Number(request.url.searchParams.get('limit') ?? 200)),
      );
    case 'tabs':
      return tabs(state);
    case 'theme':
      return theme(state);
    case 'quickActions':
      return handleQuickActions(state, request, base, undefined, rest, user.userId);
    case 'process':
      return handleProcess(state, request, rest, user.userId);
    case 'chatter':
      return handleChatter(state, request, base, rest, user);
    case 'connect':
      if (rest[0] === 'batch' && request.method === 'POST')
        return handleConnectBatch(state, request, base, user);
      return NOT_FOUND;
    case 'analytics':
      return notSupported(`Reports and dashboards (/analytics/${rest.join('/')})`);
    case 'metadata':
      return handleMetadataRest(state, request, base, rest);
    default:
      return NOT_FOUND;
  }
}
