/** Options of {@link effectiveSampleSize}. */
export interface EffectiveSizeOptions {
  /** Highest autocorrelation lag summed; default n/5. */
  readonly maxLag?: number;
  /** Values already fitted to the series (a seasonal profile, a trend): degrees of freedom they used up. */
  readonly parameters?: number;
}

/**
 * Effective number of independent pairs of two autocorrelated series (Pyper & Peterman 1998):
 * `(n - parameters) / (1 + 2 * sum_k rx(k) * ry(k))` over lags k = 1..maxLag, clamped to [2, n - parameters].
 * Metrics scraped every few minutes are strongly autocorrelated, and the plain t test would
 * call almost any pair of trending series "significant"; this is what keeps the verdict honest.
 */
export function effectiveSampleSize(
  x: readonly number[],
  y: readonly number[],
  options: EffectiveSizeOptions = {},
): number {
  const n = Math.min(x.length, y.length);
  const free = n - Math.max(0, options.parameters ?? 0);
  if (free < 3) return Math.max(0, free);
  const maxLag = Math.min(Math.floor(n / 5), options.maxLag ?? n);
  const ax = autocorrelations(x, maxLag);
  const ay = autocorrelations(y, maxLag);
  let sum = 0;
  for (let k = 0; k < ax.length; k++) sum += (ax[k] ?? 0) * (ay[k] ?? 0);
  const neff = free / (1 + 2 * sum);
  if (!Number.isFinite(neff)) return free;
  return Math.max(2, Math.min(free, neff));
}

/** Sample autocorrelations r(1..maxLag) with the usual biased (full-length) denominator. */
export function autocorrelations(values: readonly number[], maxLag: number): number[] {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v / n;
  const d = Float64Array.from(values, (v) => v - mean);
  let denominator = 0;
  for (const v of d) denominator += v * v;
  const out: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let numerator = 0;
    for (let i = 0; i + k < n; i++) numerator += (d[i] as number) * (d[i + k] as number);
    out.push(denominator === 0 ? 0 : numerator / denominator);
  }
  return out;
}
