import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import { MAX_BODY_BYTES, readBodyCapped } from '../exchange/read-body.js';
import type { AuthStrategy, SalesforceToken } from '../types.js';

/** Options of {@link authorizedFetch}. */
export interface AuthorizedFetchOptions {
  /**
   * The `fetch` that sends the requests.
   * @defaultValue globalThis.fetch
   */
  fetch?: typeof fetch;
}

// Read to tell an expired session from other 401s; a longer body is not Salesforce's answer.
const MAX_401_BODY = MAX_BODY_BYTES;

/**
 * A `fetch` for Salesforce APIs without jsforce (REST from a serverless function): it adds
 * `Authorization: Bearer <token>` from the strategy, resolves a path (`/services/data/...`)
 * against the token's instance URL, and on a 401 `INVALID_SESSION_ID` gets a new token through
 * `strategy.refresh(rejected)` and sends the request once more. Refreshes share the strategy's
 * single flight and login budget: 50 concurrent calls meeting one expiry cost one exchange. Any
 * other answer, a second 401 included, is returned as is (at most one refresh and one retry per
 * call). The token goes only to its instance URL's origin: an absolute URL elsewhere is refused
 * with `invalid_config`. The request body is kept (a clone) for the one retry.
 *
 * @example
 * ```ts
 * const sfFetch = authorizedFetch(strategy);
 * const response = await sfFetch('/services/data/v62.0/query?q=SELECT+Id+FROM+Account');
 * const { records } = await response.json();
 * ```
 */
export function authorizedFetch(
  strategy: AuthStrategy,
  options: AuthorizedFetchOptions = {},
): typeof fetch {
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const call = (request: Request, token: SalesforceToken) => {
    const url = targetUrl(request.url, token);
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${token.accessToken}`);
    return send(new Request(url, { ...requestInit(request), headers }));
  };
  return async (input, init) => {
    const request = new Request(asUrl(input), init);
    const signal = request.signal;
    const token = await strategy.getToken({ signal });
    const replay = request.body === null ? request : request.clone();
    const response = await call(request, token);
    if (response.status !== 401 || !(await isExpiredSession(response))) return response;
    await response.body?.cancel().catch(() => {});
    const fresh = await strategy.refresh(token.accessToken, { signal });
    return call(replay, fresh);
  };
}

/** Paths go to the token's instance; a Request or absolute URL is kept (then checked). */
function asUrl(input: Parameters<typeof fetch>[0]): string | Request {
  if (input instanceof Request) return input;
  const text = String(input);
  return /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `http://relative.invalid${text}`;
}

function targetUrl(url: string, token: SalesforceToken): string {
  const parsed = new URL(url);
  if (parsed.origin === 'http://relative.invalid') {
    return `${token.instanceUrl}${parsed.pathname}${parsed.search}`;
  }
  if (parsed.origin !== new URL(token.instanceUrl).origin) {
    throw new SalesforceAuthError({
      code: 'invalid_config',
      message: `authorizedFetch sends the token only to its instance URL, not to ${parsed.origin.slice(0, 200)}`,
      hint: 'Pass a path (/services/data/...), or a URL on token.instanceUrl.',
    });
  }
  return url;
}

function requestInit(request: Request): RequestInit {
  return {
    method: request.method,
    body: request.body,
    redirect: request.redirect,
    signal: request.signal,
    ...(request.body ? { duplex: 'half' } : {}),
  } as RequestInit;
}

/** A 401 whose body names INVALID_SESSION_ID: the one 401 a new token fixes. */
async function isExpiredSession(response: Response): Promise<boolean> {
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_401_BODY) return false;
  // The one capped reader (read-body.ts): a body past the cap, announced or not, is not read on.
  const text = await readBodyCapped(response.clone(), MAX_401_BODY).catch(() => undefined);
  return text?.includes('INVALID_SESSION_ID') === true;
}
