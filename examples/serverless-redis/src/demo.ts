/**
 * Ten cold-started instances × five concurrent invocations against a local emulator and a local
 * redis-server: one token exchange in total, and one more for the fleet after the sessions expire.
 * Without redis-server it prints why and skips (fails instead when CI=true).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createConnection as connect } from 'node:net';
import { startTestOrg } from '@sf-jwt/emulator';
import { createHandler } from './handler.js';

try {
  execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
} catch {
  const reason = 'redis-server is not installed (apt-get install -y redis-server)';
  if (process.env.CI === 'true') throw new Error(`serverless-redis: ${reason}`);
  console.log(`serverless-redis: SKIPPED, ${reason}`);
  process.exit(0);
}

const port = 20_000 + Math.floor(Math.random() * 20_000);
const redis: ChildProcess = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  { stdio: 'ignore' },
);
const reachable = () =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
// Bounded: 100 probes of 50 ms.
for (let attempt = 0; attempt < 100 && !(await reachable()); attempt += 1) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

const { emulator, config } = await startTestOrg();
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? '✓' : '✗'} ${what}`);
  if (!ok) process.exitCode = 1;
};
const instances = Array.from({ length: 10 }, () =>
  createHandler(config, `redis://127.0.0.1:${port}`),
);
try {
  const invokeAll = () =>
    Promise.all(
      instances.flatMap(({ handler }) => Array.from({ length: 5 }, () => handler({ limit: 3 }))),
    );
  // One round of 50 invocations: every one answered 200, and `exchanges` token exchanges in all.
  const round = async (what: string, exchanges: number, why: string) => {
    const results = await invokeAll();
    check(
      results.every((result) => result.statusCode === 200),
      what,
    );
    const counted = emulator.stats().tokenExchanges;
    check(counted === exchanges, `token exchanges: ${counted} (${why})`);
  };
  await round('50 invocations over 10 instances: 200', 1, '1 expected');
  emulator.expireSessions();
  await round('after expiry: 200, healed transparently', 2, '2 expected: one for the fleet');
} finally {
  await Promise.all(instances.map(({ close }) => close()));
  await emulator.stop();
  redis.kill('SIGKILL');
}
console.log(process.exitCode ? 'serverless-redis: FAILED' : 'serverless-redis: OK');
