import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

// simple-statistics has no Student's t distribution, so p-values and intervals use stdlib's
// maintained single-purpose packages (pinned in package.json).

/** Two-sided p-value of a t statistic with `df` degrees of freedom. */
export function twoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? Number.NaN : 0;
  if (!(df > 0)) return Number.NaN;
  // The lower tail at -|t| keeps tiny p-values that 1 - cdf(|t|) would round to zero.
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** The `p` quantile of Student's t distribution with `df` degrees of freedom. */
export function tQuantileAt(p: number, df: number): number {
  if (!(df > 0)) return Number.NaN;
  return tQuantile(p, df);
}
