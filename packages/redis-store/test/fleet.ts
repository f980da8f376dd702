import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./fleet-child.ts', import.meta.url));

export interface ChildResult {
  pid: number;
  tokens: string[];
  warnings: string[];
  /** The slowest call of the process, in ms. */
  slowestMs: number;
}

/**
 * Starts one fleet process (node --import tsx) and resolves with the last line it printed (JSON);
 * `child` gives its stdin and stdout to a script that takes commands.
 */
export function runChild<Result = ChildResult>(
  env: Record<string, string>,
  script = CHILD,
): { pid: number; done: Promise<Result>; child: ChildProcess } {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const done = new Promise<Result>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Result);
      else reject(new Error(`fleet child exited ${code ?? signal}: ${stderr.slice(0, 500)}`));
    });
  });
  return { pid: child.pid!, done, child };
}

/** In a fleet child: the config its environment names (the org's app and user, key file, login URL). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    clientId: env.CLIENT_ID!,
    username: env.USERNAME!,
    privateKey: readFileSync(env.KEY_FILE!, 'utf8'),
    loginUrl: env.LOGIN_URL!,
  };
}
