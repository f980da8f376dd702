/**
 * The heal's own latency in a storm: from the first 401 the client receives to the first retried
 * API request it starts, i.e. the time the heal path takes to get a new token and release the
 * waiting calls. A storm's total time is almost all jsforce's own request handling, which both
 * sides share (its noise hides a difference of a millisecond); this is the part that differs.
 * Read from Node's diagnostics channels, so neither side is wrapped: `undici:*` for jsforce's
 * undici (3.10.17 and later) and `http.client.*` for its node-fetch (3.10.16). Token requests
 * (`/services/oauth2/`) are left out, whichever client sends them.
 */
import diagnostics from 'node:diagnostics_channel';

interface Message {
  request: { path?: string };
  response?: { statusCode?: number };
}

let apiRequests = 0;
let firstRejection: number | undefined;
let firstRetry: number | undefined;
let firstWave = Number.POSITIVE_INFINITY;

const isApi = (message: Message) => !String(message.request.path).includes('/services/oauth2/');
function requestStarted(message: unknown): void {
  if (!isApi(message as Message)) return;
  apiRequests += 1;
  if (apiRequests > firstWave) firstRetry ??= performance.now();
}
function responseArrived(message: unknown): void {
  const { response } = message as Message;
  if (isApi(message as Message) && response?.statusCode === 401) {
    firstRejection ??= performance.now();
  }
}
diagnostics.subscribe('undici:request:create', requestStarted);
diagnostics.subscribe('http.client.request.start', requestStarted);
diagnostics.subscribe('undici:request:headers', responseArrived);
diagnostics.subscribe('http.client.response.finish', responseArrived);

/**
 * Starts watching a storm whose first `calls` API requests are its first wave: the next one is
 * the first retry. Returns a reader of the heal latency in ms (NaN when the storm had no 401 or
 * no retry).
 */
export function watchHeal(calls: number): () => number {
  apiRequests = 0;
  firstRejection = undefined;
  firstRetry = undefined;
  firstWave = calls;
  return () => {
    const heal = (firstRetry ?? Number.NaN) - (firstRejection ?? Number.NaN);
    firstWave = Number.POSITIVE_INFINITY;
    return heal;
  };
}
