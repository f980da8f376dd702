import { execFileSync } from 'node:child_process';

/**
 * Whether `command args` runs and exits 0 within `timeoutMs`: a program some tests need is
 * installed and on PATH.
 *
 * @example
 * ```ts
 * export const hasMotoServer = () => commandRuns('moto_server', ['--help']);
 * ```
 */
export function commandRuns(command: string, args: string[], timeoutMs = 30_000): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: timeoutMs });
    return true;
  } catch {
    return false;
  }
}
