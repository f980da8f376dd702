/**
 * The heal path's cost: K jsforce connections × N queries each, started at once right after an
 * org-wide session expiry, through sf-jwt (createConnection over one shared JwtBearerStrategy)
 * and through a hand-written jsforce `refreshFn` (the JWT exchange by hand, per connection),
 * against one emulator on 127.0.0.1 in a process of its own (test/support/emulator-process.ts),
 * out of the measured event loop. A round is one storm per side, back to back, the order
 * rotating; a cell runs a warm-up round, then at least ROUNDS rounds, and more (up to 60) until
 * it has run 20 s, as short storms are the noisiest. Each storm starts with an empty connection
 * pool (fresh-sockets.ts) and one successful call per connection (traffic before the expiry).
 * Prints per side the median storm time, the bench process's CPU time (the client's own work)
 * and the heal's own latency (first 401 to first retried request, heal-latency.ts; sf-jwt sends
 * its retries a turn later, on reused sockets), each with the median of the rounds' ratios and
 * its 95% interval (paired-ratio.ts), and whether sf-jwt's storms are the same (the interval
 * holds 1), slower or faster; and per storm, the worst storm's: token exchanges, API requests
 * and 401s (each rejected call is retried once: 2 × K × N requests, K × N of them 401s), the
 * connections the emulator accepted (K × N at least, one per call of the first wave) and errors.
 * NOISE=1 adds a second, identical set of hand-written connections to every round and prints
 * their ratio to the first (the noise floor: what a ratio of two equal sides looks like here).
 * Both sides use jsforce's own HTTP client as apps do: its undici on the main leg (Node 24, the
 * newest jsforce 3: `pnpm bench:heal-storm`), node-fetch on Node's global agent with jsforce
 * 3.10.16 on Node 20 (`pnpm bench:heal-storm:node20`; no socket limit there: a bounded agent
 * reuses sockets for queued requests, and node-fetch 2.7 then fails chunked responses with
 * "Premature close"). Every storm, whichever side's, expires the sf-jwt side's session too, so
 * that side raises its login budget (`maxRejectedRefreshesPerMinute`, `maxLoginsPerHour`,
 * documented options for a legitimate load) to the run's storm count.
 * Run: pnpm bench:heal-storm   (ROUNDS=15 by default, CELLS=20x500,1x50 to pick cells, NOISE=1)
 */
import { createPrivateKey, sign } from 'node:crypto';
import { loadavg } from 'node:os';
import { createAssertion, JwtBearerStrategy } from '../packages/core/src/index.js';
import { Connection, VERSION } from '../packages/jsforce-adapter/node_modules/jsforce/index.js';
import { createConnection } from '../packages/jsforce-adapter/src/index.js';
import { startEmulatorProcess } from '../test/support/emulator-child.js';
import { freshSockets } from './fresh-sockets.js';
import { watchHeal } from './heal-latency.js';
import { formatRatio, median, type PairedRatio, pairedRatio } from './paired-ratio.js';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1))
  throw new Error('ROUNDS must be a whole number ≥ 1');
// Short storms are the noisiest: a cell goes on past ROUNDS until it has run this long.
const CELL_MS = 20_000;
const MAX_ROUNDS = Math.max(ROUNDS, 60);
const CELLS: Array<[number, number]> = (
  process.env.CELLS?.split(',') ?? ['1x50', '1x500', '5x50', '5x500', '20x50', '20x500']
).map((cell) => cell.split('x').map(Number) as [number, number]);
const NOISE = process.env.NOISE === '1';
// Every storm, whichever side's, expires every session: the sf-jwt side replaces one rejected
// session per storm of any side (in its own storm, or in the traffic before it), and logs in
// once per cell besides.
const EXPIRIES = (MAX_ROUNDS + 1) * CELLS.length * (NOISE ? 3 : 2);
const QUERY = 'SELECT Id FROM Account';

const emulator = await startEmulatorProcess();
const { config } = emulator;

// The hand-written code: a key parsed once, an assertion signed per exchange, one POST.
const key = createPrivateKey(config.privateKey);
const aud = JSON.parse(
  Buffer.from((await createAssertion(config)).split('.')[1]!, 'base64url').toString(),
).aud as string;
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
async function handExchange(): Promise<{ access_token: string; instance_url: string }> {
  const claims = {
    iss: config.clientId,
    sub: config.username,
    aud,
    exp: Math.floor(Date.now() / 1000) + 180,
  };
  const input = `${base64url({ alg: 'RS256' })}.${base64url(claims)}`;
  const assertion = `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
  const response = await fetch(`${config.loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
    }),
  });
  return (await response.json()) as { access_token: string; instance_url: string };
}
async function handConnection(): Promise<Connection> {
  const token = await handExchange();
  return new Connection({
    version: '62.0',
    instanceUrl: token.instance_url,
    accessToken: token.access_token,
    refreshFn: (_conn, callback) => {
      handExchange().then(
        (body) => callback(null, body.access_token, body as never),
        (error: Error) => callback(error),
      );
    },
  });
}

async function sfJwtConnections(count: number): Promise<Connection[]> {
  const strategy = new JwtBearerStrategy({
    ...config,
    loginBudget: {
      maxRejectedRefreshesPerMinute: EXPIRIES,
      maxLoginsPerHour: EXPIRIES + CELLS.length,
    },
  });
  return Promise.all(Array.from({ length: count }, () => createConnection(strategy)));
}

/** A query counted as an error when it fails: jsforce's Query also emits 'error', fatal unheard. */
function settledQuery(conn: Connection) {
  const query = conn.query(QUERY);
  query.on('error', () => {});
  return query;
}

/** One storm: traffic, an org-wide expiry, then N queries on each connection at once. */
async function storm(connections: Connection[], calls: number) {
  // Each storm starts alike: no keep-alive socket left by the storm before it, and that storm's
  // garbage collected (run with --expose-gc).
  await freshSockets();
  await Promise.all(connections.map((conn) => conn.query(QUERY)));
  await emulator.expireSessions();
  globalThis.gc?.();
  const before = await emulator.stats();
  const readHeal = watchHeal(connections.length * calls);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const results = await Promise.allSettled(
    connections.flatMap((conn) => Array.from({ length: calls }, () => settledQuery(conn))),
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const healMs = readHeal();
  const errors = results.filter((result) => result.status === 'rejected').length;
  const after = await emulator.stats();
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    healMs,
    errors,
    exchanges: after.tokenExchanges - before.tokenExchanges,
    requests: after.apiRequests - before.apiRequests,
    rejected: after.rejectedApiRequests - before.rejectedApiRequests,
    connections: after.connections - before.connections,
  };
}

type Side = 'sfJwt' | 'hand' | 'handAgain';
type Run = Awaited<ReturnType<typeof storm>>;
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

try {
  console.log(
    `heal storm on Node ${process.versions.node} with jsforce ${VERSION}: at least ${ROUNDS} rounds per cell (more, up to ${MAX_ROUNDS}, until a cell has run ${CELL_MS / 1000} s) after a warm-up round, one storm per side each, order rotating, ` +
      `emulator in its own process (pid ${emulator.pid}) on 127.0.0.1; load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}; ratios are sf-jwt/refreshFn, the median of the rounds' ratios (95% interval)`,
  );
  const header = [
    'K conns',
    'N calls',
    'rounds',
    'sf-jwt ms',
    'refreshFn ms',
    'ratio (95% interval)',
    'sf-jwt is',
    ...(NOISE ? ['noise floor: refreshFn/refreshFn'] : []),
    'client CPU ms sf-jwt',
    'refreshFn',
    'CPU ratio',
    'heal ms sf-jwt',
    'refreshFn',
    'heal ratio',
    'exchanges/storm sf-jwt',
    'refreshFn',
    'API requests/storm sf-jwt',
    'refreshFn',
    '401s sf-jwt',
    'refreshFn',
    'connections/storm sf-jwt',
    'refreshFn',
    'errors sf-jwt',
    'refreshFn',
  ];
  console.log(row(header));
  console.log(row(header.map(() => '---')));
  const verdicts: string[] = [];
  for (const [count, calls] of CELLS) {
    const hands = () => Promise.all(Array.from({ length: count }, handConnection));
    const sides: Partial<Record<Side, Connection[]>> = {
      sfJwt: await sfJwtConnections(count),
      hand: await hands(),
      ...(NOISE ? { handAgain: await hands() } : {}),
    };
    const order = Object.keys(sides) as Side[];
    const runs: Record<Side, Run[]> = { sfJwt: [], hand: [], handAgain: [] };
    let cellStarted = performance.now();
    for (let round = -1; round < MAX_ROUNDS; round += 1) {
      if (round >= ROUNDS && performance.now() - cellStarted >= CELL_MS) break;
      const start = (round + 1) % order.length; // each side goes first in turn
      for (const side of [...order.slice(start), ...order.slice(0, start)]) {
        const run = await storm(sides[side]!, calls);
        if (round >= 0) runs[side].push(run); // round -1 warms up every side
      }
      if (round < 0) cellStarted = performance.now();
    }
    type Timed = 'ms' | 'cpuMs' | 'healMs';
    const ms = (side: Side, field: Timed = 'ms') => median(runs[side].map((run) => run[field]));
    const ratio = (side: Side, field: Timed): PairedRatio =>
      pairedRatio(
        runs[side]
          .map((run, index) => run[field] / runs.hand[index]![field])
          .filter(Number.isFinite),
      );
    // Every storm is shown by its worst count, so one extra exchange or request is not hidden.
    const most = (side: Side, field: Exclude<keyof Run, Timed>) =>
      Math.max(...runs[side].map((run) => run[field]));
    const both = (field: Exclude<keyof Run, Timed>) => [most('sfJwt', field), most('hand', field)];
    const storms = ratio('sfJwt', 'ms');
    verdicts.push(`${count}x${calls} ${storms.verdict}`);
    console.log(
      row([
        count,
        calls,
        runs.sfJwt.length,
        ms('sfJwt').toFixed(1),
        ms('hand').toFixed(1),
        formatRatio(storms),
        storms.verdict,
        ...(NOISE ? [formatRatio(ratio('handAgain', 'ms'))] : []),
        ms('sfJwt', 'cpuMs').toFixed(1),
        ms('hand', 'cpuMs').toFixed(1),
        formatRatio(ratio('sfJwt', 'cpuMs')),
        ms('sfJwt', 'healMs').toFixed(2),
        ms('hand', 'healMs').toFixed(2),
        formatRatio(ratio('sfJwt', 'healMs')),
        ...both('exchanges'),
        ...both('requests'),
        ...both('rejected'),
        ...both('connections'),
        ...both('errors'),
      ]),
    );
  }
  // "same": the 95% interval of the storm ratio holds 1; "slower" only when all of it is above.
  console.log(`storm time, sf-jwt against refreshFn: ${verdicts.join(', ')}`);
} finally {
  await emulator.stop();
}
