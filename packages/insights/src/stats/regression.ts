import { linearRegression } from 'simple-statistics';
import { tQuantileAt } from './t-distribution.ts';

/** A least-squares line `y = intercept + slope * x` with the confidence interval of its slope. */
export interface LinearFit {
  readonly slope: number;
  readonly intercept: number;
  /** Standard error of the slope (inflated when fewer independent pairs than pairs are given). */
  readonly slopeStdError: number;
  /** [low, high] of the slope at `confidence`. */
  readonly slopeInterval: readonly [number, number];
  readonly confidence: number;
  readonly rSquared: number;
  readonly n: number;
  readonly df: number;
}

/** Options of {@link linearFit}. */
export interface LinearFitOptions {
  /** Two-sided confidence of the slope interval; default 0.95. */
  readonly confidence?: number;
  /** Independent pairs when the series are autocorrelated (see effectiveSampleSize); default n. */
  readonly effectiveN?: number;
}

/** Ordinary least squares of y on x, with the slope's t-based interval (SciPy linregress's stderr). */
export function linearFit(
  x: readonly number[],
  y: readonly number[],
  options: LinearFitOptions = {},
): LinearFit {
  if (x.length !== y.length)
    throw new RangeError(`series differ in length: ${x.length} and ${y.length} values`);
  const n = x.length;
  const confidence = options.confidence ?? 0.95;
  const df = Math.min(n, options.effectiveN ?? n) - 2;
  const { m: slope, b: intercept } =
    n >= 2 ? linearRegression(x.map((v, i) => [v, y[i] ?? Number.NaN])) : { m: Number.NaN, b: Number.NaN };
  let sxx = 0;
  let ssRes = 0;
  let ssTot = 0;
  const mx = mean(x);
  const my = mean(y);
  for (let i = 0; i < n; i++) {
    const xi = x[i] ?? 0;
    const yi = y[i] ?? 0;
    sxx += (xi - mx) ** 2;
    ssRes += (yi - intercept - slope * xi) ** 2;
    ssTot += (yi - my) ** 2;
  }
  // Residual variance over n - 2, inflated by (n - 2) / df when only df + 2 pairs are independent.
  const slopeStdError =
    n > 2 && df > 0 && sxx > 0 ? Math.sqrt(ssRes / (n - 2) / sxx) * Math.sqrt((n - 2) / df) : Number.NaN;
  const q = tQuantileAt(1 - (1 - confidence) / 2, df);
  return {
    slope,
    intercept,
    slopeStdError,
    slopeInterval: [slope - q * slopeStdError, slope + q * slopeStdError],
    confidence,
    rSquared: ssTot > 0 ? 1 - ssRes / ssTot : Number.NaN,
    n,
    df,
  };
}

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length ? s / values.length : Number.NaN;
}
