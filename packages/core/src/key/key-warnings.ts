/** Where sf-jwt's warnings go. Never receives a secret. */
export interface WarningLogger {
  warn(message: string): void;
}

const reported = new Set<string>();

/**
 * Reports a key warning as a Node process warning (`process.on('warning')`, with `code`) and
 * to `logger` when one is configured. With `once`, a repeat of the same `once` key is dropped.
 */
export function reportKeyWarning(
  code: 'SF_JWT_KEY_FILE_UNPROTECTED' | 'SF_JWT_KEY_RELOAD_FAILED' | 'SF_JWT_KEY_CHECK_SKIPPED',
  message: string,
  logger: WarningLogger | undefined,
  once?: string,
): void {
  if (once !== undefined) {
    if (reported.has(once)) return;
    // Bounded: one entry per key file and finding; a process rotating keys forever forgets old ones.
    if (reported.size >= 1000) reported.clear();
    reported.add(once);
  }
  const text = `[sf-jwt] ${message}`;
  process.emitWarning(text, { type: 'SfJwtKeyWarning', code });
  logger?.warn(text);
}
