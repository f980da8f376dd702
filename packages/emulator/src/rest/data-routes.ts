import { json } from '../server/http-types.js';
import type { Route, RouteContext } from '../server/route-match.js';
import { API_VERSIONS } from './api-versions.js';
import { handleChatter, handleConnectBatch } from './chatter-routes.js';
import { handleCompositeSobjects } from './composite-routes.js';
import { flowActionsIndex, runFlow } from './flow-actions.js';
import { limits } from './limits.js';
import { recentItems, tabs, theme } from './org-resources.js';
import { query, queryMore } from './query-routes.js';
import { handleQuickActions } from './quick-actions.js';
import { NOT_FOUND, notSupported } from './salesforce-errors.js';
import { handleSobjects } from './sobjects/sobject-routes.js';
import { search } from './sosl-search.js';
import { completions } from './tooling-completions.js';

const DATA = '/services/data/:version';
const base = ({ params }: RouteContext) => `/services/data/${params.version}`;
const rest = (
  method: Route['method'],
  path: string,
  handle: Extract<Route, { session: true }>['handle'],
): Route => ({ method, path: `${DATA}${path}`, versioned: true, session: true, handle });

/**
 * `/services/data[/vXX.X/...]`: versions, resources, query, sobjects, composite, search, limits,
 * tooling, actions, Chatter; an unserved version, like any other path, is 404 NOT_FOUND.
 */
export const DATA_ROUTES: Route[] = [
  {
    method: 'ALL',
    path: '/services/data',
    session: true,
    handle: () =>
      json(
        200,
        API_VERSIONS.map((version) => ({
          label: `v${version}`,
          url: `/services/data/v${version}`,
          version,
        })),
      ),
  },
  rest('ALL', '', (context) => {
    const at = base(context);
    const { user } = context.session;
    return json(200, {
      sobjects: `${at}/sobjects`,
      query: `${at}/query`,
      queryAll: `${at}/queryAll`,
      search: `${at}/search`,
      composite: `${at}/composite`,
      limits: `${at}/limits`,
      tooling: `${at}/tooling`,
      jobs: `${at}/jobs`,
      actions: `${at}/actions`,
      identity: `${context.request.url.origin}/id/${user.orgId}/${user.userId}`,
    });
  }),
  rest('ALL', '/query', (c) => query(c.state, c.request, base(c), false)),
  rest('ALL', '/query/:cursor/*', (c) => queryMore(c.state, base(c), c.params.cursor!)),
  rest('ALL', '/queryAll', (c) => query(c.state, c.request, base(c), true)),
  rest('ALL', '/queryAll/:cursor/*', (c) => queryMore(c.state, base(c), c.params.cursor!)),
  rest('ALL', '/search/*', (c) => search(c.state, c.request, base(c))),
  rest('ALL', '/tooling/query', (c) => query(c.state, c.request, `${base(c)}/tooling`)),
  rest('ALL', '/tooling/query/:cursor/*', (c) => queryMore(c.state, base(c), c.params.cursor!)),
  rest('ALL', '/tooling/executeAnonymous/*', () =>
    notSupported('Executing anonymous Apex (tooling/executeAnonymous)'),
  ),
  rest('ALL', '/tooling/runTests*/*', (c) =>
    notSupported(`Running Apex tests (tooling/${c.params.runTests})`),
  ),
  rest('ALL', '/tooling/completions/*', (c) => completions(c.state, c.request)),
  rest('ALL', '/tooling/sobjects/*', (c) =>
    handleSobjects(c.state, c.request, `${base(c)}/tooling`, c.rest, c.session.user.userId),
  ),
  rest('ALL', '/sobjects/*', (c) =>
    handleSobjects(c.state, c.request, base(c), c.rest, c.session.user.userId),
  ),
  rest('ALL', '/composite/sobjects/*', (c) =>
    handleCompositeSobjects({
      state: c.state,
      request: c.request,
      base: base(c),
      parts: c.rest,
      userId: c.session.user.userId,
    }),
  ),
  rest('ALL', '/composite', () => notSupported('The composite resource /composite')),
  rest('ALL', '/composite/:kind/*', (c) =>
    notSupported(`The composite resource /composite/${c.params.kind}`),
  ),
  rest('ALL', '/limits/*', (c) => json(200, limits(c.state))),
  rest('ALL', '/actions/custom', (c) => flowActionsIndex(base(c))),
  rest('ALL', '/actions/custom/flow', () => json(200, { actions: [] })),
  rest('ALL', '/actions/custom/flow/:name', (c) => runFlow(c.request, c.params.name!)),
  rest('ALL', '/recent/*', (c) =>
    json(
      200,
      recentItems(
        c.state,
        base(c),
        undefined,
        Number(c.request.url.searchParams.get('limit') ?? 200),
      ),
    ),
  ),
  rest('ALL', '/tabs/*', (c) => tabs(c.state)),
  rest('ALL', '/theme/*', (c) => theme(c.state)),
  rest('ALL', '/quickActions/*', (c) =>
    handleQuickActions(c.state, c.request, base(c), undefined, c.rest, c.session.user.userId),
  ),
  rest('ALL', '/process/approvals/*', (c) =>
    notSupported(`Approval processes (/process/${['approvals', ...c.rest].join('/')})`),
  ),
  rest('ALL', '/process/*', (c) => notSupported(`Workflow rules (/process/${c.rest.join('/')})`)),
  rest('ALL', '/chatter/*', (c) =>
    handleChatter(c.state, c.request, base(c), c.rest, c.session.user),
  ),
  rest('POST', '/connect/batch/*', (c) =>
    handleConnectBatch(c.state, c.request, base(c), c.session.user),
  ),
  rest('ALL', '/analytics/*', (c) =>
    notSupported(`Reports and dashboards (/analytics/${c.rest.join('/')})`),
  ),
  rest('ALL', '/metadata/deployRequest/*', () =>
    notSupported('Deploying a metadata package (metadata/deployRequest)'),
  ),
  rest('ALL', '/*', () => NOT_FOUND),
];
