import { lstatSync, realpathSync, type Stats, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** One reason a key file may be read or replaced by someone other than its owner. */
export interface KeyFileFinding {
  /** `readable`: group or others may read or write the key; `directory`: others may write a directory holding it. */
  readonly kind: 'readable' | 'directory';
  /** What is wrong, naming the path and its mode (never the key). */
  readonly problem: string;
  /** The shell command that fixes it. */
  readonly fix: string;
}

/** The result of {@link inspectKeyFile}: findings, or why the check could not run. */
export type KeyFileInspection =
  | { readonly checked: true; readonly findings: readonly KeyFileFinding[] }
  | { readonly checked: false; readonly reason: string };

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

/**
 * Checks what ssh checks of a private key, and a little more: the file (through any link) is
 * readable or writable by group or others, or it or the link sits in a directory others can
 * write (so it could be swapped). On platforms without POSIX modes (Windows) nothing is checked
 * and `reason` says so.
 */
export function inspectKeyFile(
  path: string,
  platform: NodeJS.Platform = process.platform,
): KeyFileInspection {
  if (platform === 'win32') {
    return {
      checked: false,
      reason: 'this platform has no POSIX file modes; check the key file ACL by hand',
    };
  }
  let link: Stats;
  let real: string;
  let target: Stats;
  try {
    link = lstatSync(path);
    real = realpathSync(path);
    target = statSync(real);
  } catch {
    // Nothing to judge: reading the key reports the missing or unreadable file.
    return { checked: true, findings: [] };
  }
  const findings: KeyFileFinding[] = [];
  const through = link.isSymbolicLink() ? ` (the link ${JSON.stringify(path)} points to it)` : '';
  if ((target.mode & 0o077) !== 0) {
    findings.push({
      kind: 'readable',
      problem: `key file ${JSON.stringify(real)}${through} has mode ${octal(target.mode)}: group or others may read it`,
      fix: `chown ${ownerHint()} ${shellQuote(real)} && chmod 600 ${shellQuote(real)}`,
    });
  }
  const directories = new Set([dirname(real), dirname(resolve(path))]);
  for (const directory of directories) {
    const mode = safeMode(directory);
    if (mode !== undefined && (mode & 0o002) !== 0) {
      findings.push({
        kind: 'directory',
        problem: `directory ${JSON.stringify(directory)} holding the key has mode ${octal(mode)}: others may write it and swap the key`,
        fix: `chmod o-w ${shellQuote(directory)} (or move the key to a directory only its owner writes)`,
      });
    }
  }
  return { checked: true, findings };
}

function safeMode(path: string): number | undefined {
  try {
    return statSync(path).mode;
  } catch {
    return undefined;
  }
}

function ownerHint(): string {
  return typeof process.getuid === 'function' ? String(process.getuid()) : '<app user>';
}

function shellQuote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
