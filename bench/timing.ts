// Timing shared by the benches that loop over one call.

/** The mean duration of one awaited `run()` over `iterations` calls, in ms times `scale`. */
export async function meanPerCall(
  iterations: number,
  run: () => unknown,
  scale: number,
): Promise<number> {
  const start = performance.now();
  for (let index = 0; index < iterations; index += 1) await run();
  return ((performance.now() - start) * scale) / iterations;
}

/** The median of `values` (the upper one of an even count). */
export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
