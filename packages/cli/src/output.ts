import { SalesforceAuthError } from '@sf-jwt/core';
import { redactSecrets } from '@sf-jwt/core/internal';

/** Where a command writes, so tests and --json can capture it. */
export interface Output {
  json: boolean;
  verbose: boolean;
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Writes to stdout and stderr, as the sf-jwt binary does.
 * @example
 * ```ts
 * process.exitCode = await doctor(flags, consoleOutput(false, false), process.env);
 * ```
 */
export function consoleOutput(json: boolean, verbose: boolean): Output {
  return {
    json,
    verbose,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}

/** One clear line plus the hint; the cause chain only with --verbose. Never a secret. */
export function reportError(output: Output, error: unknown): void {
  if (output.json) {
    const body = SalesforceAuthError.isInstance(error)
      ? error.toJSON()
      : { code: 'error', message: redactSecrets(String((error as Error)?.message ?? error)) };
    output.out(JSON.stringify({ ok: false, error: body }));
    return;
  }
  if (SalesforceAuthError.isInstance(error)) {
    output.err(`error ${error.code}: ${whatFailed(error)}`);
    output.err(`  fix: ${error.hint}`);
  } else {
    output.err(`error: ${redactSecrets(String((error as Error)?.message ?? error))}`);
  }
  if (output.verbose) {
    let cause = (error as { cause?: unknown })?.cause;
    while (cause) {
      output.err(`  cause: ${redactSecrets(String((cause as Error).message ?? cause))}`);
      cause = (cause as { cause?: unknown }).cause;
    }
  }
}

/** The error's message without the `[sf-jwt] ` brand (the CLI's lines are all sf-jwt's). */
export function whatFailed(error: SalesforceAuthError): string {
  return error.message.startsWith(BRAND) ? error.message.slice(BRAND.length) : error.message;
}

const BRAND = '[sf-jwt] ';
