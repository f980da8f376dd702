/**
 * The heal path's cost: K jsforce connections × N queries each, started at once right after an
 * org-wide session expiry, through sf-jwt (createConnection over one shared JwtBearerStrategy)
 * and through a hand-written jsforce `refreshFn` (the JWT exchange by hand, per connection), in
 * the same run against one emulator on 127.0.0.1. Each cell is the median of ROUNDS storms whose
 * order alternates; before each storm every connection makes one successful call (traffic before
 * the expiry). Prints storm times, their ratio and the token exchanges per storm.
 * Run: pnpm bench:heal-storm
 */
import { createPrivateKey, sign } from 'node:crypto';
import { createAssertion, JwtBearerStrategy } from '../packages/core/src/index.js';
import { startTestOrg } from '../packages/emulator/src/index.js';
import { Connection } from '../packages/jsforce-adapter/node_modules/jsforce/index.js';
import { createConnection } from '../packages/jsforce-adapter/src/index.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CELLS: Array<[number, number]> = [
  [1, 50],
  [1, 500],
  [5, 50],
  [5, 500],
  [20, 50],
  [20, 500],
];
const QUERY = 'SELECT Id FROM Account';

const { emulator, config } = await startTestOrg();

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

/** One storm: traffic, an org-wide expiry, then N queries on each connection at once. */
async function storm(connections: Connection[], calls: number) {
  await Promise.all(connections.map((conn) => conn.query(QUERY)));
  emulator.expireSessions();
  const before = emulator.stats().tokenExchanges;
  const started = performance.now();
  const results = await Promise.allSettled(
    connections.flatMap((conn) => Array.from({ length: calls }, () => conn.query(QUERY))),
  );
  const ms = performance.now() - started;
  const errors = results.filter((result) => result.status === 'rejected').length;
  return { ms, errors, exchanges: emulator.stats().tokenExchanges - before };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
};

try {
  console.log(`heal storm: median of ${ROUNDS} storms per cell (emulator on 127.0.0.1)`);
  console.log(
    'K connections | N calls each | sf-jwt ms | refreshFn ms | ratio | exchanges/storm sf-jwt | refreshFn | errors sf-jwt | refreshFn',
  );
  for (const [count, calls] of CELLS) {
    const sides = {
      sfJwt: await sfJwtConnections(count),
      hand: await Promise.all(Array.from({ length: count }, handConnection)),
    };
    await storm(sides.sfJwt, calls); // warm-up, not counted
    await storm(sides.hand, calls);
    const runs = {
      sfJwt: [] as Array<Awaited<ReturnType<typeof storm>>>,
      hand: [] as typeof runs.sfJwt,
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? (['sfJwt', 'hand'] as const) : (['hand', 'sfJwt'] as const);
      for (const side of order) runs[side].push(await storm(sides[side], calls));
    }
    const ms = (side: 'sfJwt' | 'hand') => median(runs[side].map((run) => run.ms));
    const most = (side: 'sfJwt' | 'hand', field: 'exchanges' | 'errors') =>
      Math.max(...runs[side].map((run) => run[field]));
    console.log(
      [
        count,
        calls,
        ms('sfJwt').toFixed(1),
        ms('hand').toFixed(1),
        `${(ms('sfJwt') / ms('hand')).toFixed(2)}×`,
        most('sfJwt', 'exchanges'),
        most('hand', 'exchanges'),
        most('sfJwt', 'errors'),
        most('hand', 'errors'),
      ].join(' | '),
    );
  }
} finally {
  await emulator.stop();
}
