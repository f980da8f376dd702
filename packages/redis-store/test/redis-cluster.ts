// A three-master Redis Cluster with a replica each, of real processes on 127.0.0.1.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis-server.js';
import { kill, on, run, serverArgs, startNode, until } from './redis-topology.js';

type SlotRange = [number, number, [string, number, string], ...[string, number, string][]];

export async function startCluster() {
  const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-cluster-'));
  const nodes = new Map<number, ChildProcess>();
  for (let index = 0; index < 6; index += 1) {
    const port = await freePort();
    const args = [
      ...serverArgs(port),
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      join(dir, `nodes-${port}.conf`),
      '--cluster-node-timeout',
      '1000',
      '--dir',
      dir,
    ];
    nodes.set(port, await startNode(port, args));
  }
  const addresses = [...nodes.keys()].map((port) => `127.0.0.1:${port}`);
  await run('redis-cli', [
    '--cluster',
    'create',
    ...addresses,
    '--cluster-replicas',
    '1',
    '--cluster-yes',
  ]);
  const alive = () =>
    [...nodes].filter(([, child]) => child.exitCode === null && !child.signalCode);
  const healthy = async () => {
    for (const [port] of alive()) {
      const info = await on<string>(port, 'CLUSTER', 'INFO');
      if (!info.includes('cluster_state:ok')) return false;
    }
    return true;
  };
  await until('the cluster to be ok on every node', healthy);
  const ranges = async () => on<SlotRange[]>(alive()[0]![0], 'CLUSTER', 'SLOTS');
  const masterOf = async (slot: number) => {
    const range = (await ranges()).find(([start, end]) => start <= slot && slot <= end)!;
    return { port: Number(range[2][1]), id: range[2][2], replicas: range.length - 3 };
  };
  return {
    nodes: [...nodes.keys()].map((port) => ({ host: '127.0.0.1', port })),
    masterOf,
    /** Every master and its id. */
    async masters() {
      return (await ranges()).map((range) => ({ port: Number(range[2][1]), id: range[2][2] }));
    },
    async keyslot(key: string) {
      return on<number>(alive()[0]![0], 'CLUSTER', 'KEYSLOT', key);
    },
    /** Waits until every master has a replica attached (a failover has a replica to promote). */
    async replicated() {
      await until('a replica for every master', async () =>
        (await ranges()).every((range) => range.length > 3),
      );
    },
    /** SIGKILLs the master serving `slot`; resolves once its replica serves it. */
    async killMasterOf(slot: number) {
      const before = await masterOf(slot);
      await kill(nodes.get(before.port)!);
      await until('a replica to take over the slot', async () => {
        return (await masterOf(slot)).port !== before.port && (await healthy());
      });
    },
    /** Moves `slot` and its keys to the master on `to` (IMPORTING, MIGRATING, MIGRATE, NODE). */
    async migrateSlot(slot: number, to: { port: number; id: string }) {
      const from = await masterOf(slot);
      await on(to.port, 'CLUSTER', 'SETSLOT', slot, 'IMPORTING', from.id);
      await on(from.port, 'CLUSTER', 'SETSLOT', slot, 'MIGRATING', to.id);
      for (;;) {
        const keys = await on<string[]>(from.port, 'CLUSTER', 'GETKEYSINSLOT', slot, 100);
        if (keys.length === 0) break;
        await on(from.port, 'MIGRATE', '127.0.0.1', to.port, '', 0, 5000, 'KEYS', ...keys);
      }
      for (const master of [to, from])
        await on(master.port, 'CLUSTER', 'SETSLOT', slot, 'NODE', to.id);
      await until(
        'every node to see the slot moved',
        async () => (await masterOf(slot)).port === to.port,
      );
    },
  };
}
