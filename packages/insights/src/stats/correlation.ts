import { sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';
import { twoSidedP } from './t-distribution.ts';

/** A correlation coefficient with its two-sided significance. */
export interface Correlation {
  /** Pearson's r or Spearman's rho, in [-1, 1]; NaN when a series is constant. */
  readonly coefficient: number;
  /** Two-sided p-value from the t test with `df` degrees of freedom. */
  readonly p: number;
  /** Pairs used. */
  readonly n: number;
  /** Degrees of freedom of the test (n - 2, or effective n - 2 when autocorrelation is corrected). */
  readonly df: number;
}

/** Pearson's r with the p-value of the t test `r * sqrt(df / (1 - r^2))` (as SciPy's pearsonr). */
export function pearson(x: readonly number[], y: readonly number[], effectiveN?: number): Correlation {
  checkPairs(x, y);
  return significance(x.length >= 2 ? sampleCorrelation(x, y) : Number.NaN, x.length, effectiveN);
}

/** Spearman's rho (midranks for ties) with the t approximation of its p-value (as SciPy's spearmanr). */
export function spearman(x: readonly number[], y: readonly number[], effectiveN?: number): Correlation {
  checkPairs(x, y);
  return significance(x.length >= 2 ? sampleRankCorrelation(x, y) : Number.NaN, x.length, effectiveN);
}

/** The p-value of a correlation coefficient `r` over `n` pairs (or `effectiveN` independent ones). */
export function significance(r: number, n: number, effectiveN = n): Correlation {
  const df = Math.min(n, effectiveN) - 2;
  if (!Number.isFinite(r) || df <= 0) return { coefficient: r, p: Number.NaN, n, df };
  const clamped = Math.max(-1, Math.min(1, r));
  const t =
    Math.abs(clamped) === 1 ? Number.POSITIVE_INFINITY : clamped * Math.sqrt(df / (1 - clamped * clamped));
  return { coefficient: clamped, p: twoSidedP(t, df), n, df };
}

function checkPairs(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length)
    throw new RangeError(`series differ in length: ${x.length} and ${y.length} values`);
}
