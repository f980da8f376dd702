import { delay, HttpResponse, http, type RequestHandler } from 'msw';
import type { EmulatorSetup } from '../org/setup.js';
import { createControl, type EmulatorControl } from '../state/emulator-control.js';
import { EmulatorState } from '../state/emulator-state.js';
import { handleRequest } from './handle-request.js';

/** Options for {@link createHandlers}. */
export interface CreateHandlersOptions {
  /**
   * The instance URL handed out.
   * @defaultValue the org's My Domain, else the host addressed
   */
  instanceUrl?: string;
  /**
   * The clock.
   * @defaultValue Date.now
   */
  now?: () => number;
  /**
   * What `/services/apexrest/*` answers: by default 400 FUNCTIONALITY_NOT_ENABLED, "not supported
   * by the emulator" (there is no Apex to run); `'echo'` opts in to an echo of the request
   * (method, path, query, body, username) for tests that need a working Apex REST surface.
   * @defaultValue 'not-supported'
   */
  apexRest?: 'not-supported' | 'echo';
}

// Every Salesforce-owned host the flow can address: login, test, My Domains, sites, instances.
const SALESFORCE_URL = /^https:\/\/([a-z0-9-]+\.)*(salesforce\.com|force\.com|site\.com)(\/|$)/i;

/**
 * The emulator as msw handlers, for code that calls Salesforce with `fetch`: requests to
 * login.salesforce.com, test.salesforce.com, My Domains and sites are answered by the same logic
 * as the HTTP server, which knows which host was addressed.
 *
 * @example
 * ```ts
 * const { handlers, emulator } = createHandlers(org.setup);
 * const server = setupServer(...handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function createHandlers(
  setup: EmulatorSetup,
  options: CreateHandlersOptions = {},
): { handlers: RequestHandler[]; emulator: EmulatorControl } {
  const instanceUrl = options.instanceUrl ?? setup.org?.myDomain;
  const state = new EmulatorState(setup, {
    ...(options.now ? { now: options.now } : {}),
    ...(instanceUrl ? { instanceUrl } : {}),
    ...(options.apexRest ? { apexRest: options.apexRest } : {}),
  });
  const handler = http.all(SALESFORCE_URL, async ({ request }) => {
    const response = handleRequest(state, {
      method: request.method,
      url: new URL(request.url),
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    if (response.delayMs) await delay(response.delayMs);
    if (response.drop) return HttpResponse.error();
    const body =
      response.encoding === 'base64' ? Buffer.from(response.body, 'base64') : response.body;
    return new HttpResponse(response.status === 204 ? null : body, {
      status: response.status,
      headers: response.headers,
    });
  });
  return { handlers: [handler], emulator: createControl(state) };
}
