/** Token responses are a few hundred bytes; anything far larger is not a token. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a response body as text, giving up past `limit` bytes so a hostile or broken endpoint
 * cannot exhaust memory. Returns undefined when the body is too large.
 */
export async function readBodyCapped(
  response: Response,
  limit = MAX_BODY_BYTES,
): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: a hostile server may never acknowledge the cancel.
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
