/**
 * Starts emulator-process.ts (the emulator on 127.0.0.1 in a process of its own) and talks to it
 * over IPC: the org's config arrives in memory, sessions are expired and stats read by message,
 * so no control request goes through the HTTP client being measured.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorStats, RunningTestOrg } from '../../packages/emulator/src/index.js';
import type { EmulatorCommand } from './emulator-process.js';

const SCRIPT = fileURLToPath(new URL('./emulator-process.ts', import.meta.url));

export interface EmulatorProcess {
  config: RunningTestOrg['config'];
  pid: number;
  expireSessions(): Promise<void>;
  stats(): Promise<EmulatorStats>;
  stop(): Promise<void>;
}

export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  // Only the TypeScript loader: a profiler flag given to the bench stays on the bench's process.
  const child = fork(SCRIPT, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const pending = new Map<number, (reply: { stats?: EmulatorStats }) => void>();
  let next = 0;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`emulator process exited (${code ?? signal})`)),
    ),
  );
  exited.catch(() => {});
  const config = await Promise.race([
    new Promise<RunningTestOrg['config']>((resolve) =>
      child.once('message', (message) =>
        resolve((message as { config: RunningTestOrg['config'] }).config),
      ),
    ),
    exited,
  ]);
  child.on('message', (message) => {
    const reply = message as { id?: number; stats?: EmulatorStats };
    if (reply.id === undefined) return;
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  const ask = (type: EmulatorCommand['type']) =>
    Promise.race([
      new Promise<{ stats?: EmulatorStats }>((resolve) => {
        next += 1;
        pending.set(next, resolve);
        child.send({ id: next, type } satisfies EmulatorCommand);
      }),
      exited,
    ]);
  return {
    config,
    pid: child.pid!,
    expireSessions: async () => {
      await ask('expire');
    },
    stats: async () => (await ask('stats')).stats!,
    stop: async () => {
      if (child.connected) await ask('stop');
    },
  };
}
