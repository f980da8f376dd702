// Redis Sentinel and Cluster topologies of real processes on 127.0.0.1, started by the tests.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './redis-server.js';

export const run = promisify(execFile);
const children = new Set<ChildProcess>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `command` on 127.0.0.1:port with a short-lived client. */
export async function on<T = unknown>(port: number, ...command: (string | number)[]): Promise<T> {
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, lazyConnect: true });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.call(String(command[0]), ...command.slice(1).map(String))) as T;
  } finally {
    client.disconnect();
  }
}

/** Polls `check` every 100 ms until it returns true, or fails after `ms`. */
export async function until(what: string, check: () => Promise<boolean>, ms = 20_000) {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Starts redis-server (or redis-sentinel) on `port` and waits until it answers PING. */
export async function startNode(
  port: number,
  args: string[],
  binary = 'redis-server',
): Promise<ChildProcess> {
  const child = spawn(binary, args, { stdio: 'ignore' });
  children.add(child);
  child.once('exit', () => children.delete(child));
  await until(`${binary} on ${port}`, async () => (await on(port, 'PING')) === 'PONG', 10_000);
  return child;
}

export function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Stops every process these helpers started. */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map(kill));
}

export const serverArgs = (port: number) => [
  '--port',
  String(port),
  '--bind',
  '127.0.0.1',
  '--save',
  '',
  '--appendonly',
  'no',
];

/** One master, one replica, three sentinels (quorum 2) watching `mymaster`. */
export async function startSentinelGroup() {
  const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-sentinel-'));
  const [master, replica] = [await freePort(), await freePort()];
  await startNode(master, serverArgs(master));
  await startNode(replica, [...serverArgs(replica), '--replicaof', '127.0.0.1', String(master)]);
  const sentinels: number[] = [];
  for (let index = 0; index < 3; index += 1) {
    const port = await freePort();
    const file = join(dir, `sentinel-${index}.conf`);
    writeFileSync(
      file,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor mymaster 127.0.0.1 ${master} 2`,
        'sentinel down-after-milliseconds mymaster 1000',
        'sentinel failover-timeout mymaster 5000',
        'sentinel parallel-syncs mymaster 1',
        '',
      ].join('\n'),
    );
    await startNode(port, [file], 'redis-sentinel');
    sentinels.push(port);
  }
  const masterPort = async () =>
    Number(
      (await on<string[]>(sentinels[0]!, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster'))[1],
    );
  // Ready when every sentinel knows the replica and the other two sentinels.
  await until('the sentinels to discover the replica and each other', async () => {
    for (const port of sentinels) {
      const master = await on<string[]>(port, 'SENTINEL', 'MASTER', 'mymaster');
      const field = (name: string) => Number(master[master.indexOf(name) + 1]);
      if (field('num-slaves') < 1 || field('num-other-sentinels') < 2) return false;
    }
    return true;
  });
  return {
    sentinels: sentinels.map((port) => ({ host: '127.0.0.1', port })),
    masterPort,
    /** SENTINEL FAILOVER; resolves once the sentinels name the other node as master. */
    async failover(): Promise<void> {
      const before = await masterPort();
      await on(sentinels[0]!, 'SENTINEL', 'FAILOVER', 'mymaster');
      await until('the failover to finish', async () => (await masterPort()) !== before);
    },
  };
}
