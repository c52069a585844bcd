import { probit } from 'simple-statistics';
import { alignSeries } from '../align/align.ts';
import type { CleanSeries } from '../align/series.ts';
import { pearson, significance, spearman } from '../stats/correlation.ts';
import { effectiveSampleSize } from '../stats/effective-size.ts';
import { type LinearFit, linearFit } from '../stats/regression.ts';
import { type LagPoint, scanLags } from './lag-scan.ts';

/** A correlation figure with the p-value the verdict uses. */
export interface CorrelationFigure {
  readonly coefficient: number;
  /** Plain p-value (independent pairs, one lag), as SciPy would print. */
  readonly p: number;
  /** p-value corrected for autocorrelation (effective sample size) and for the search over lags (Šidák). */
  readonly pAdjusted: number;
}

/** What one pair of series says about a lagged relationship. */
export interface LagEvidence {
  /** Pairs at the best lag. */
  readonly sampleSize: number;
  /** Independent pairs those are worth, given autocorrelation and the values fitted before. */
  readonly effectiveSampleSize: number;
  /** Steps by which the business metric follows the technical one (negative: it moves first), at the largest |r|. */
  readonly bestLagSteps: number;
  readonly bestLagSeconds: number;
  /**
   * Lags (steps) not distinguishable from the best one at the report's confidence: those whose r
   * is within the simultaneous margin of the best (Bonferroni over the lags compared).
   */
  readonly lagInterval: readonly [number, number];
  readonly lagsTested: number;
  readonly pearson: CorrelationFigure;
  readonly spearman: CorrelationFigure;
  /** Pearson's r with no lag, for comparison. */
  readonly pearsonAtLag0: number;
  readonly lagScan: readonly LagPoint[];
  /** Least squares of business on technical at the best lag, interval on the effective sample size. */
  readonly slope: LinearFit;
}

/** Settings {@link lagEvidence} reads. */
export interface EvidenceSettings {
  readonly maxLagSteps: number;
  readonly minSamples: number;
  readonly confidence: number;
  /** Values fitted to each series before (profile slots, trend); default 0. */
  readonly parameters?: number;
  /** Highest autocorrelation lag in the effective sample size; default n/5. */
  readonly maxAutocorrelationLag?: number;
}

/**
 * Scans lags, picks the largest |r|, and judges it honestly: the p-value counts the effective
 * sample size and the number of lags searched, and the lag comes with the set of lags it cannot be
 * told apart from.
 */
export function lagEvidence(
  technical: CleanSeries,
  business: CleanSeries,
  settings: EvidenceSettings,
): LagEvidence & { readonly x: readonly number[]; readonly y: readonly number[] } {
  const scan = scanLags(technical, business, settings.maxLagSteps, settings.minSamples);
  const lag = scan.best.lagSteps;
  const [x = [], y = []] = alignSeries([technical, business], [0, lag]).values;
  const lagsTested = Math.max(1, scan.lags.filter((l) => l.n >= settings.minSamples).length);
  const neff = effectiveSampleSize(x, y, {
    parameters: settings.parameters,
    maxLag: settings.maxAutocorrelationLag,
  });
  const figure = (r: number, p: number): CorrelationFigure => ({
    coefficient: r,
    p,
    pAdjusted: searched(significance(r, x.length, neff).p, lagsTested),
  });
  const r = pearson(x, y);
  const rho = spearman(x, y);
  return {
    sampleSize: x.length,
    effectiveSampleSize: neff,
    bestLagSteps: lag,
    bestLagSeconds: lag * technical.stepSeconds,
    lagInterval: lagSet(scan.lags, scan.best, neff, lagsTested, settings),
    lagsTested,
    pearson: figure(r.coefficient, r.p),
    spearman: figure(rho.coefficient, rho.p),
    pearsonAtLag0: scan.lags.find((l) => l.lagSteps === 0)?.r ?? Number.NaN,
    lagScan: scan.lags,
    slope: linearFit(x, y, { confidence: settings.confidence, effectiveN: neff }),
    x,
    y,
  };
}

/** Šidák: the chance that the best of `m` independent lags looks at least this good by chance. */
function searched(p: number, m: number): number {
  if (!Number.isFinite(p)) return p;
  return Math.min(1, -Math.expm1(m * Math.log1p(-Math.min(p, 1 - 1e-16))));
}

/**
 * Lags whose r could be the best: r(k) and r(best) of prewhitened series are nearly independent,
 * each with variance about 1/n_eff, so their difference has standard error √(2/n_eff); a lag stays
 * in the set when the best beats it by less than the Bonferroni-corrected normal quantile of that.
 */
function lagSet(
  lags: readonly LagPoint[],
  best: LagPoint,
  neff: number,
  lagsTested: number,
  settings: EvidenceSettings,
): [number, number] {
  if (!Number.isFinite(best.r) || !(neff > 2)) return [best.lagSteps, best.lagSteps];
  const compared = Math.max(1, lagsTested - 1);
  const z = probit(1 - (1 - settings.confidence) / compared);
  const margin = z * Math.sqrt(2 / neff);
  const sign = Math.sign(best.r) || 1;
  const kept = lags
    .filter((l) => l.n >= settings.minSamples && Number.isFinite(l.r))
    .filter((l) => sign * (best.r - l.r) <= margin)
    .map((l) => l.lagSteps);
  return [Math.min(best.lagSteps, ...kept), Math.max(best.lagSteps, ...kept)];
}
