/** Replay ids on the wire: 8 bytes, big-endian, as Salesforce's (opaque to clients). */
export function encodeReplayId(replayId: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(replayId));
  return bytes;
}

/** The number in 8 replay-id bytes; undefined for anything else. */
export function decodeReplayId(bytes: Uint8Array | undefined): number | undefined {
  if (bytes?.length !== 8) return undefined;
  const value = Buffer.from(bytes).readBigUInt64BE();
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}
