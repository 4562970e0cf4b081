/** Latency figures of one measurement, in milliseconds. */
export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles (no interpolation), the usual definition for latency reports. */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { count: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[sorted.length - 1] };
}

export function formatMs(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

export function formatPercentiles(p: Percentiles): string {
  return `p50 ${formatMs(p.p50)}, p95 ${formatMs(p.p95)}, p99 ${formatMs(p.p99)} (max ${formatMs(p.max)}, n=${p.count})`;
}
