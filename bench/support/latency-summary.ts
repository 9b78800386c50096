/** Sample count, nearest-rank percentiles, mean and max of samples in milliseconds. */
export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/**
 * Nearest-rank percentiles: with 50 samples p99 is the largest but one, near enough the max.
 * No samples give NaN for every figure but `n`.
 */
export function latencySummary(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { n: 0, p50: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return {
    n: sorted.length,
    p50: at(50),
    p99: at(99),
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    max: sorted.at(-1)!,
  };
}
