/**
 * Effective number of independent pairs of two autocorrelated series (Pyper & Peterman 1998):
 * `n / (1 + 2 * sum_k rx(k) * ry(k))` over lags k = 1..n/5, clamped to [2, n].
 * Metrics scraped every few minutes are strongly autocorrelated, and the plain t test would
 * call almost any pair of trending series "significant"; this is what keeps the verdict honest.
 */
export function effectiveSampleSize(x: readonly number[], y: readonly number[]): number {
  const n = Math.min(x.length, y.length);
  if (n < 3) return n;
  const ax = autocorrelations(x, Math.floor(n / 5));
  const ay = autocorrelations(y, Math.floor(n / 5));
  let sum = 0;
  for (let k = 0; k < ax.length; k++) sum += (ax[k] ?? 0) * (ay[k] ?? 0);
  const neff = n / (1 + 2 * sum);
  if (!Number.isFinite(neff)) return n;
  return Math.max(2, Math.min(n, neff));
}

/** Sample autocorrelations r(1..maxLag) with the usual biased (full-length) denominator. */
export function autocorrelations(values: readonly number[], maxLag: number): number[] {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v / n;
  const d = values.map((v) => v - mean);
  let denominator = 0;
  for (const v of d) denominator += v * v;
  const out: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let numerator = 0;
    for (let i = 0; i + k < n; i++) numerator += (d[i] ?? 0) * (d[i + k] ?? 0);
    out.push(denominator === 0 ? 0 : numerator / denominator);
  }
  return out;
}
