/**
 * Paired ratios of two sides measured round by round (bench/heal-storm.ts): the median of the
 * rounds' ratios with a distribution-free 95% confidence interval, and what it lets one say.
 * A slow patch of a shared machine lands on both storms of a round, so the round's ratio keeps
 * what a side costs and the interval says how far noise moves its median: a ratio is "the same"
 * when its interval holds 1, "slower" or "faster" only when the whole interval lies beyond it.
 */

/** The q-quantile of `values`, interpolated between the two nearest ranks. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const below = sorted[Math.floor(rank)]!;
  return below + (sorted[Math.ceil(rank)]! - below) * (rank - Math.floor(rank));
}

export const median = (values: number[]): number => quantile(values, 0.5);

/**
 * The interval [x(j), x(n-1-j)] of the sorted values (0-based) holding their population's median
 * with at least 95% confidence: j is the largest count with P(Binomial(n, ½) ≤ j) ≤ 2.5%, since
 * each value falls below the median with probability ½. Undefined for fewer than 6 values.
 */
export function medianInterval(values: number[]): [number, number] | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  let term = 0.5 ** n; // P(X = 0)
  let cumulative = term;
  let j = -1;
  for (let k = 0; k < n && cumulative <= 0.025; k += 1) {
    j = k;
    term = (term * (n - k)) / (k + 1); // P(X = k + 1)
    cumulative += term;
  }
  return j < 0 ? undefined : [sorted[j]!, sorted[n - 1 - j]!];
}

/** What a paired ratio says: its median, its 95% interval, and the verdict. */
export interface PairedRatio {
  median: number;
  interval: [number, number] | undefined;
  verdict: 'same' | 'slower' | 'faster' | 'too few rounds';
}

export function pairedRatio(ratios: number[]): PairedRatio {
  const interval = medianInterval(ratios);
  const verdict = !interval
    ? 'too few rounds'
    : interval[0] > 1
      ? 'slower'
      : interval[1] < 1
        ? 'faster'
        : 'same';
  return { median: median(ratios), interval, verdict };
}

/** `1.01× (0.97-1.04)`: the median and its 95% interval. */
export function formatRatio({ median: mid, interval }: PairedRatio): string {
  const range = interval ? ` (${interval[0].toFixed(2)}-${interval[1].toFixed(2)})` : '';
  return `${mid.toFixed(2)}×${range}`;
}
