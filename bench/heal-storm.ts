/**
 * The heal path's cost: K jsforce connections × N queries each, started at once right after an
 * org-wide session expiry, through sf-jwt (createConnection over one shared JwtBearerStrategy)
 * and through a hand-written jsforce `refreshFn` (the JWT exchange by hand, per connection), in
 * the same run against one emulator on 127.0.0.1, in a process of its own (emulator-process.ts),
 * so its query work does not run in the measured event loop. Each cell runs ROUNDS rounds after
 * a warm-up round; a round is one storm per side, back to back, the order rotating; before each
 * storm every connection makes one successful call (traffic before the expiry). Prints the
 * median storm time per side, the median of the rounds' ratios with their quartiles (a slow
 * patch of a shared machine lands on both storms of a round), the bench process's CPU time per
 * storm (the client's own work: the emulator runs elsewhere) with its ratio, and per storm the
 * token exchanges, API requests and 401s (both sides retry each rejected call once: 2 × K × N
 * requests, K × N of them 401s) and errors, each the worst storm's. The heal's own latency (first
 * 401 to first retried request, heal-latency.ts) is printed per side with its ratio: the part of a
 * storm that differs between the sides, free of the shared request handling's noise.
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
 * The header line names the Node and jsforce versions measured.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { loadavg } from 'node:os';
import { createAssertion, JwtBearerStrategy } from '../packages/core/src/index.js';
import { Connection, VERSION } from '../packages/jsforce-adapter/node_modules/jsforce/index.js';
import { createConnection } from '../packages/jsforce-adapter/src/index.js';
import { startEmulatorProcess } from './emulator-child.js';
import { watchHeal } from './heal-latency.js';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1))
  throw new Error('ROUNDS must be a whole number ≥ 1');
const CELLS: Array<[number, number]> = (
  process.env.CELLS?.split(',') ?? ['1x50', '1x500', '5x50', '5x500', '20x50', '20x500']
).map((cell) => cell.split('x').map(Number) as [number, number]);
const NOISE = process.env.NOISE === '1';
// Every storm, whichever side's, expires every session: the sf-jwt side replaces one rejected
// session per storm of any side (in its own storm, or in the traffic before it), and logs in
// once per cell besides.
const EXPIRIES = (ROUNDS + 1) * CELLS.length * (NOISE ? 3 : 2);
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
  await Promise.all(connections.map((conn) => conn.query(QUERY)));
  await emulator.expireSessions();
  // Each storm starts alike: no keep-alive socket left by the other side's storm, and the
  // previous storm's garbage collected (run with --expose-gc).
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
  };
}

/** The q-quantile of `values`, interpolated between the two nearest ranks. */
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const below = sorted[Math.floor(rank)]!;
  return below + (sorted[Math.ceil(rank)]! - below) * (rank - Math.floor(rank));
};
const median = (values: number[]) => quantile(values, 0.5);

type Side = 'sfJwt' | 'hand' | 'handAgain';
type Run = Awaited<ReturnType<typeof storm>>;
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

try {
  console.log(
    `heal storm on Node ${process.versions.node} with jsforce ${VERSION}: ${ROUNDS} rounds per cell after a warm-up round, one storm per side each, order rotating, ` +
      `emulator in its own process (pid ${emulator.pid}) on 127.0.0.1; load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
  );
  const header = [
    'K conns',
    'N calls',
    'sf-jwt ms',
    'refreshFn ms',
    'ratio (quartiles)',
    ...(NOISE ? ['noise floor: refreshFn/refreshFn'] : []),
    'client CPU ms sf-jwt',
    'refreshFn',
    'CPU ratio (quartiles)',
    'heal ms sf-jwt',
    'refreshFn',
    'heal ratio (quartiles)',
    'exchanges/storm sf-jwt',
    'refreshFn',
    'API requests/storm sf-jwt',
    'refreshFn',
    '401s sf-jwt',
    'refreshFn',
    'errors sf-jwt',
    'refreshFn',
  ];
  console.log(row(header));
  console.log(row(header.map(() => '---')));
  for (const [count, calls] of CELLS) {
    const hands = () => Promise.all(Array.from({ length: count }, handConnection));
    const sides: Partial<Record<Side, Connection[]>> = {
      sfJwt: await sfJwtConnections(count),
      hand: await hands(),
      ...(NOISE ? { handAgain: await hands() } : {}),
    };
    const order = Object.keys(sides) as Side[];
    const runs: Record<Side, Run[]> = { sfJwt: [], hand: [], handAgain: [] };
    for (let round = -1; round < ROUNDS; round += 1) {
      const start = (round + 1) % order.length; // each side goes first in turn
      for (const side of [...order.slice(start), ...order.slice(0, start)]) {
        const run = await storm(sides[side]!, calls);
        if (round >= 0) runs[side].push(run); // round -1 warms up every side
      }
    }
    type Timed = 'ms' | 'cpuMs' | 'healMs';
    const ms = (side: Side, field: Timed = 'ms') => median(runs[side].map((run) => run[field]));
    // The median and quartiles of the rounds' ratios of two sides.
    const ratio = (side: Side, field: Timed) => {
      const ratios = runs[side].map((run, index) => run[field] / runs.hand[index]![field]);
      const [low, mid, high] = [0.25, 0.5, 0.75].map((q) => quantile(ratios, q));
      return `${mid!.toFixed(2)}× (${low!.toFixed(2)}-${high!.toFixed(2)})`;
    };
    // Every storm is shown by its worst count, so one extra exchange or request is not hidden.
    const most = (side: Side, field: Exclude<keyof Run, Timed>) =>
      Math.max(...runs[side].map((run) => run[field]));
    const both = (field: Exclude<keyof Run, Timed>) => [most('sfJwt', field), most('hand', field)];
    console.log(
      row([
        count,
        calls,
        ms('sfJwt').toFixed(1),
        ms('hand').toFixed(1),
        ratio('sfJwt', 'ms'),
        ...(NOISE ? [ratio('handAgain', 'ms')] : []),
        ms('sfJwt', 'cpuMs').toFixed(1),
        ms('hand', 'cpuMs').toFixed(1),
        ratio('sfJwt', 'cpuMs'),
        ms('sfJwt', 'healMs').toFixed(2),
        ms('hand', 'healMs').toFixed(2),
        ratio('sfJwt', 'healMs'),
        ...both('exchanges'),
        ...both('requests'),
        ...both('rejected'),
        ...both('errors'),
      ]),
    );
  }
} finally {
  await emulator.stop();
}
