import { gzipSync } from 'node:zlib';
import type { EmulatorResponse } from './http-types.js';

/** Smaller answers go as they are: their timing stays that of a plain answer. */
const MIN_COMPRESSED_BYTES = 32 * 1024;

/**
 * Whether an `Accept-Encoding` header accepts gzip (named, with no `q=0`). fetch (undici),
 * node-fetch and so jsforce send one; Node's `http.request` and curl without `--compressed` do not.
 */
export function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? '').split(',')) {
    const [coding, ...parameters] = part.split(';').map((each) => each.trim().toLowerCase());
    if (coding !== 'gzip') continue;
    const quality = parameters.find((parameter) => parameter.startsWith('q='));
    return quality === undefined || Number(quality.slice(2)) > 0;
  }
  return false;
}

/**
 * The headers and bytes to send for an answer: gzip-compressed when the client accepts it, as
 * Salesforce compresses REST, SOAP and Bulk API responses ("Use Compression for Responses" in
 * the Bulk API guide), from 32 KiB up (a Bulk result, a large query page); as is otherwise.
 */
export function encodeResponse(
  response: EmulatorResponse,
  acceptEncoding: string | undefined,
): { headers: Record<string, string>; body: Buffer } {
  const body = Buffer.from(response.body, response.encoding ?? 'utf8');
  if (body.length < MIN_COMPRESSED_BYTES || !acceptsGzip(acceptEncoding))
    return { headers: response.headers, body };
  return {
    headers: { ...response.headers, 'content-encoding': 'gzip', vary: 'Accept-Encoding' },
    body: gzipSync(body),
  };
}
