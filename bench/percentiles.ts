/** Latency percentiles of a bench's own measurements (autocannon computes its own). */

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** The nearest-rank percentiles of `values`; NaN where there are none. */
export function percentilesOf(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}
