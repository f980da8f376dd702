import { spawn } from 'node:child_process';
import type { ContractProcesses } from './contract-options.js';

/** What one process of the fleet reports. */
export interface FleetReport {
  pid: number;
  /** exchangeOnce: whether this process's `exchange` ran. */
  ran?: boolean;
  value?: unknown;
  failure?: unknown;
}

// Run with `node --input-type=module -e`, so the contract ships no file to locate in ESM and CJS.
const CHILD = `
import { pathToFileURL } from 'node:url';
const e = process.env;
const spec = e.SF_JWT_CONTRACT_MODULE;
const mod = await import(spec.startsWith('file:') ? spec : pathToFileURL(spec).href);
const store = await mod[e.SF_JWT_CONTRACT_EXPORT]();
const key = e.SF_JWT_CONTRACT_KEY;
process.stdout.write('ready\\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
let report;
if (e.SF_JWT_CONTRACT_MODE === 'failure') {
  report = { pid: process.pid, failure: (await store.getLoginFailure(key)) ?? null };
} else {
  let ran = false;
  const value = await store.exchangeOnce(key, {
    exchange: async () => {
      ran = true;
      await new Promise((resolve) => setTimeout(resolve, Number(e.SF_JWT_CONTRACT_EXCHANGE_MS)));
      const made = JSON.parse(e.SF_JWT_CONTRACT_VALUE);
      made.token.accessToken = 'contract-' + process.pid;
      return made;
    },
  });
  report = { pid: process.pid, ran, value };
}
process.stdout.write(JSON.stringify(report) + '\\n');
await store.close?.();
process.exit(0);
`;

/**
 * Starts `count` processes, waits until each has its store, then releases them together and
 * collects what each reports. A process that fails or exceeds `timeoutMs` rejects the whole run.
 */
export async function runFleet(
  processes: ContractProcesses,
  task: { mode: 'exchange' | 'failure'; key: string; value?: unknown; exchangeMs?: number },
  count: number,
  timeoutMs: number,
): Promise<FleetReport[]> {
  const env = {
    ...process.env,
    ...processes.env?.(),
    SF_JWT_CONTRACT_MODULE: processes.module,
    SF_JWT_CONTRACT_EXPORT: processes.exportName ?? 'createStore',
    SF_JWT_CONTRACT_MODE: task.mode,
    SF_JWT_CONTRACT_KEY: task.key,
    SF_JWT_CONTRACT_VALUE: JSON.stringify(task.value ?? null),
    SF_JWT_CONTRACT_EXCHANGE_MS: String(task.exchangeMs ?? 0),
  };
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [...(processes.execArgv ?? []), '--input-type=module', '-e', CHILD], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  for (const child of children) child.stdin.on('error', () => {}); // one that died early
  const timer = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, timeoutMs);
  try {
    const ready: Promise<void>[] = [];
    const reports = children.map((child) => {
      let stdout = '';
      let stderr = '';
      let signalReady: () => void = () => {};
      ready.push(new Promise<void>((resolve) => (signalReady = resolve)));
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.startsWith('ready\n')) signalReady();
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      return new Promise<FleetReport>((resolve, reject) => {
        child.on('exit', (code, signal) => {
          signalReady();
          const last = stdout.trim().split('\n').pop() ?? '';
          if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as FleetReport);
          else
            reject(new Error(`contract process exited ${code ?? signal}: ${stderr.slice(-800)}`));
        });
      });
    });
    // Handled below; a process that dies before the start must not be an unhandled rejection.
    for (const report of reports) report.catch(() => {});
    await Promise.all(ready);
    for (const child of children) child.stdin.end('go\n');
    return await Promise.all(reports);
  } finally {
    clearTimeout(timer);
  }
}
