import type { KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import { inspectKeyFile } from './key-file-permissions.js';
import type { KeyReloadResult, KeySource } from './key-source.js';
import { reportKeyWarning, type WarningLogger } from './key-warnings.js';
import { loadPrivateKey } from './load-private-key.js';

/** What a {@link KeyFileSource} is built from (the key-file part of a resolved config). */
export interface KeyFileSourceOptions {
  readonly path: string;
  readonly passphrase: string | undefined;
  readonly strict: boolean;
  readonly logger: WarningLogger | undefined;
  /** Monotonic ms (performance.now in production). */
  readonly monotonicNow: () => number;
  readonly checkIntervalMs: number;
}

/**
 * A `privateKeyFile` that follows rotation: at most once per `checkIntervalMs` the file is
 * stat'ed (no fs.watch) and, when its inode, size or mtime changed, read and parsed again. A
 * replacement that is unreadable, not a usable key, or (strict mode) unprotected keeps the key
 * in use and is reported once per file version.
 */
export class KeyFileSource implements KeySource {
  readonly #options: KeyFileSourceOptions;
  #key: KeyObject;
  #version: string;
  #checkedAt: number;

  /** @throws SalesforceAuthError `invalid_config` or `key_file_unprotected` for the first read. */
  constructor(options: KeyFileSourceOptions) {
    this.#options = options;
    this.#checkedAt = options.monotonicNow();
    this.#version = versionOf(options.path) ?? '';
    this.#key = this.#read();
  }

  current(): KeyObject {
    const now = this.#options.monotonicNow();
    if (now - this.#checkedAt >= this.#options.checkIntervalMs) {
      this.#checkedAt = now;
      this.#refresh(false);
    }
    return this.#key;
  }

  reload(): KeyReloadResult {
    this.#checkedAt = this.#options.monotonicNow();
    return this.#refresh(true);
  }

  #refresh(force: boolean): KeyReloadResult {
    const version = versionOf(this.#options.path);
    if (!force && version === this.#version) return { changed: false };
    // A version that failed is not read again until the file changes again.
    this.#version = version ?? '';
    try {
      const key = this.#read();
      const changed = !key.equals(this.#key);
      this.#key = key;
      return { changed };
    } catch (error) {
      const failure = SalesforceAuthError.isInstance(error)
        ? error
        : new SalesforceAuthError({ code: 'invalid_config', cause: error });
      reportKeyWarning(
        'SF_JWT_KEY_RELOAD_FAILED',
        `the changed key file was not taken, the previous key stays in use: ${failure.message.replace(/^\[sf-jwt\] /, '')} (${failure.code}). ${failure.hint}`,
        this.#options.logger,
        `reload:${this.#options.path}:${this.#version}`,
      );
      return { changed: false, error: failure };
    }
  }

  #read(): KeyObject {
    const { path, passphrase, strict, logger } = this.#options;
    const inspection = inspectKeyFile(path);
    if (!inspection.checked) {
      reportKeyWarning(
        'SF_JWT_KEY_CHECK_SKIPPED',
        `key file permissions not checked: ${inspection.reason}`,
        logger,
        `skipped:${path}`,
      );
    } else if (inspection.findings.length > 0) {
      const problems = inspection.findings.map((finding) => finding.problem).join('; ');
      const fixes = inspection.findings.map((finding) => finding.fix).join('; ');
      if (strict) {
        throw new SalesforceAuthError({
          code: 'key_file_unprotected',
          message: `${problems} (strictKeyPermissions is on)`,
          hint: `Fix: ${fixes}`,
        });
      }
      reportKeyWarning(
        'SF_JWT_KEY_FILE_UNPROTECTED',
        `${problems}. Fix: ${fixes}`,
        logger,
        `${this.#version}:${problems}`,
      );
    }
    return loadPrivateKey({ privateKeyFile: path, passphrase });
  }
}

/** Device, inode, size and mtime: what changes when a key file is replaced or rewritten. */
function versionOf(path: string): string | undefined {
  try {
    const stats = statSync(path, { bigint: true });
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}`;
  } catch {
    return undefined;
  }
}
