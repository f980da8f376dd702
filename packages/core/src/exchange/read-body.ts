/** Token responses are a few hundred bytes; anything far larger is not a token. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a response body as text, giving up past `limit` bytes so a hostile or broken endpoint
 * cannot exhaust memory, and when `signal` aborts, so a body that drips forever cannot hang the
 * caller (not every fetch stops reading a body on abort). Returns undefined when too large.
 */
export async function readBodyCapped(
  response: Response,
  limit = MAX_BODY_BYTES,
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal?.reason ?? new Error('aborted'));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      size += value.byteLength;
      if (size > limit) return undefined;
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Not awaited: a hostile server may never acknowledge the cancel.
    if (size > limit || signal?.aborted) reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).toString('utf8');
}
