/**
 * The heal path's cost: K jsforce connections × N queries each, started at once right after an
 * org-wide session expiry, through sf-jwt (createConnection over one shared JwtBearerStrategy)
 * and through a hand-written jsforce `refreshFn` (the JWT exchange by hand, per connection), in
 * the same run against one emulator on 127.0.0.1, in a process of its own (emulator-process.ts),
 * so its query work does not run in the measured event loop. Each cell is the median of ROUNDS
 * storms per side after one warm-up storm per side, the order alternating; before each storm
 * every connection makes one successful call (traffic before the expiry). Prints storm times,
 * their ratio, the bench process's CPU time per storm (the client's own work: the emulator runs
 * elsewhere, so this holds when other processes load the machine) and its ratio, and per storm
 * the token exchanges, API requests and 401s (both sides retry each
 * rejected call once: 2 × K × N requests, K × N of them 401s) and errors.
 * Both sides use jsforce's own HTTP client as apps do (node-fetch on Node's global agent, no
 * socket limit): a bounded agent reuses sockets for queued requests, and node-fetch 2.7 then
 * fails chunked responses with "Premature close". ROUNDS at most 9: each storm is one rejected
 * session for the user, and the default login budget replaces at most 10 per user per minute.
 * Run: pnpm bench:heal-storm   (ROUNDS=5, CELLS=20x500,1x50 to pick cells)
 */
import { createPrivateKey, sign } from 'node:crypto';
import { loadavg } from 'node:os';
import { createAssertion, JwtBearerStrategy } from '../packages/core/src/index.js';
import { Connection } from '../packages/jsforce-adapter/node_modules/jsforce/index.js';
import { createConnection } from '../packages/jsforce-adapter/src/index.js';
import { startEmulatorProcess } from './emulator-child.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
if (!(ROUNDS >= 1 && ROUNDS <= 9)) throw new Error('ROUNDS must be 1 to 9 (see the top comment)');
const CELLS: Array<[number, number]> = (
  process.env.CELLS?.split(',') ?? ['1x50', '1x500', '5x50', '5x500', '20x50', '20x500']
).map((cell) => cell.split('x').map(Number) as [number, number]);
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
  const strategy = new JwtBearerStrategy(config);
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
  // The previous storm's garbage is collected before the clock starts (run with --expose-gc).
  globalThis.gc?.();
  const before = await emulator.stats();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const results = await Promise.allSettled(
    connections.flatMap((conn) => Array.from({ length: calls }, () => settledQuery(conn))),
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const errors = results.filter((result) => result.status === 'rejected').length;
  const after = await emulator.stats();
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    errors,
    exchanges: after.tokenExchanges - before.tokenExchanges,
    requests: after.apiRequests - before.apiRequests,
    rejected: after.rejectedApiRequests - before.rejectedApiRequests,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
};

type Side = 'sfJwt' | 'hand';
type Run = Awaited<ReturnType<typeof storm>>;
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

try {
  console.log(
    `heal storm: median of ${ROUNDS} storms per cell after one warm-up storm per side, order alternating, ` +
      `emulator in its own process (pid ${emulator.pid}) on 127.0.0.1; load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
  );
  console.log(
    row([
      'K conns',
      'N calls',
      'sf-jwt ms',
      'refreshFn ms',
      'ratio',
      'client CPU ms sf-jwt',
      'refreshFn',
      'CPU ratio',
      'exchanges/storm sf-jwt',
      'refreshFn',
      'API requests/storm sf-jwt',
      'refreshFn',
      '401s sf-jwt',
      'refreshFn',
      'errors sf-jwt',
      'refreshFn',
    ]),
  );
  console.log(row(Array.from({ length: 16 }, () => '---')));
  for (const [count, calls] of CELLS) {
    const sides = {
      sfJwt: await sfJwtConnections(count),
      hand: await Promise.all(Array.from({ length: count }, handConnection)),
    };
    const runs: Record<Side, Run[]> = { sfJwt: [], hand: [] };
    for (let round = -1; round < ROUNDS; round += 1) {
      const order: Side[] = round % 2 === 0 ? ['sfJwt', 'hand'] : ['hand', 'sfJwt'];
      for (const side of order) {
        const run = await storm(sides[side], calls);
        if (round >= 0) runs[side].push(run); // round -1 warms up both sides
      }
    }
    const ms = (side: Side, field: 'ms' | 'cpuMs' = 'ms') =>
      median(runs[side].map((run) => run[field]));
    // Every storm is shown by its worst count, so one extra exchange or request is not hidden.
    const most = (side: Side, field: Exclude<keyof Run, 'ms' | 'cpuMs'>) =>
      Math.max(...runs[side].map((run) => run[field]));
    const both = (field: Exclude<keyof Run, 'ms' | 'cpuMs'>) => [
      most('sfJwt', field),
      most('hand', field),
    ];
    console.log(
      row([
        count,
        calls,
        ms('sfJwt').toFixed(1),
        ms('hand').toFixed(1),
        `${(ms('sfJwt') / ms('hand')).toFixed(2)}×`,
        ms('sfJwt', 'cpuMs').toFixed(1),
        ms('hand', 'cpuMs').toFixed(1),
        `${(ms('sfJwt', 'cpuMs') / ms('hand', 'cpuMs')).toFixed(2)}×`,
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
