import { sampleVariance } from 'simple-statistics';
import { alignSeries } from '../align/align.ts';
import { cleanSeries } from '../align/clean.ts';
import type { CleanSeries, Series, SeriesQuality } from '../align/series.ts';
import { type Correlation, pearson, significance, spearman } from '../stats/correlation.ts';
import { effectiveSampleSize } from '../stats/effective-size.ts';
import { type LinearFit, linearFit } from '../stats/regression.ts';
import { type LagPoint, scanLags } from './lag-scan.ts';
import { formatChange, type MetricUnit, niceStep } from './units.ts';
import { judge, type Verdict } from './verdict.ts';

/** A metric to correlate: its series and how to name it in the report. */
export interface MetricInput {
  readonly name: string;
  readonly series: Series;
  readonly unit?: MetricUnit;
  readonly query?: string;
}

/** Options of {@link correlateSeries}, with their defaults. */
export interface CorrelateOptions {
  /** Step of both series in seconds (the query step). */
  readonly stepSeconds: number;
  /** Lags tested in each direction, in steps; default 12. */
  readonly maxLagSteps?: number;
  /** Fewest pairs on which any verdict is given; default 30. */
  readonly minSamples?: number;
  /** Significance level after the corrections; default 0.05. */
  readonly alpha?: number;
  /** Confidence of the slope interval; default 0.95. */
  readonly confidence?: number;
  /** Technical change the impact is stated for (e.g. 0.1 for +100 ms); default a round step near its standard deviation. */
  readonly technicalDelta?: number;
}

/** A correlation figure with the p-value the verdict uses. */
export interface CorrelationFigure {
  readonly coefficient: number;
  /** Plain p-value (independent pairs, one lag), as SciPy would print. */
  readonly p: number;
  /** p-value corrected for autocorrelation (effective sample size) and for the number of lags tested. */
  readonly pAdjusted: number;
}

/** The linear impact of the technical metric on the business one, in business units. */
export interface Impact extends LinearFit {
  /** Technical change the estimate is for, in the technical unit. */
  readonly technicalDelta: number;
  /** Business change for `technicalDelta`, in the business unit, and its interval. */
  readonly estimate: number;
  readonly estimateInterval: readonly [number, number];
  /** "+100 ms of p99 latency ≈ −1.02 percentage points of checkout conversion (95% CI …)". */
  readonly sentence: string;
}

/** Everything `bizmetrics correlate --format json` prints. */
export interface CorrelationReport {
  readonly technical: {
    readonly name: string;
    readonly query?: string;
    readonly unit?: string;
    readonly quality: SeriesQuality;
  };
  readonly business: {
    readonly name: string;
    readonly query?: string;
    readonly unit?: string;
    readonly quality: SeriesQuality;
  };
  readonly stepSeconds: number;
  /** Pairs at the best lag. */
  readonly sampleSize: number;
  /** Independent pairs those are worth, given the autocorrelation of both series. */
  readonly effectiveSampleSize: number;
  /** Timestamps where only one of the two series had a value (lag 0). */
  readonly unmatchedTimestamps: number;
  /** Steps by which the business metric follows the technical one (negative: it moves first), at the largest |r|. */
  readonly bestLagSteps: number;
  readonly bestLagSeconds: number;
  /** Which metric moves first; 'neither' unless the relationship is significant. */
  readonly leads: 'technical' | 'business' | 'neither';
  readonly lagsTested: number;
  readonly pearson: CorrelationFigure;
  readonly spearman: CorrelationFigure;
  /** Pearson's r with no lag, for comparison. */
  readonly pearsonAtLag0: number;
  readonly lagScan: readonly LagPoint[];
  readonly impact: Impact;
  readonly verdict: Verdict;
  readonly settings: {
    readonly alpha: number;
    readonly minSamples: number;
    readonly maxLagSteps: number;
    readonly confidence: number;
  };
}

/** The report plus the data behind its charts. */
export interface CorrelationAnalysis {
  readonly report: CorrelationReport;
  readonly data: {
    /** Cleaned series over time: [seconds, value] (counters as per-second rates). */
    readonly technical: readonly (readonly [number, number])[];
    readonly business: readonly (readonly [number, number])[];
    /** Pairs at the best lag: technical x, business y. */
    readonly x: readonly number[];
    readonly y: readonly number[];
  };
}

/** Correlates a technical and a business series: lag scan, Pearson, Spearman, impact and a verdict. */
export function correlateSeries(
  technical: MetricInput,
  business: MetricInput,
  options: CorrelateOptions,
): CorrelationAnalysis {
  const settings = {
    alpha: options.alpha ?? 0.05,
    minSamples: Math.max(4, options.minSamples ?? 30),
    maxLagSteps: Math.max(0, Math.floor(options.maxLagSteps ?? 12)),
    confidence: options.confidence ?? 0.95,
  };
  const tech = cleanSeries({ ...technical.series, name: technical.name }, options.stepSeconds);
  const biz = cleanSeries({ ...business.series, name: business.name }, options.stepSeconds);
  const atZero = alignSeries([tech, biz]);
  const [x0 = [], y0 = []] = atZero.values;

  const scan = scanLags(tech, biz, settings.maxLagSteps, settings.minSamples);
  const lag = scan.best.lagSteps;
  const [x = [], y = []] = alignSeries([tech, biz], [0, lag]).values;
  const lagsTested = Math.max(1, scan.lags.filter((l) => l.n >= settings.minSamples).length);
  const neff = effectiveSampleSize(x, y);
  const figure = (c: Correlation, r: number): CorrelationFigure => ({
    coefficient: c.coefficient,
    p: c.p,
    pAdjusted: Math.min(1, significance(r, x.length, neff).p * lagsTested),
  });
  const r = pearson(x, y);
  const rho = spearman(x, y);
  const fit = linearFit(x, y, { confidence: settings.confidence, effectiveN: neff });
  const delta = options.technicalDelta ?? niceStep(x.length > 1 ? Math.sqrt(sampleVariance(x)) : 0);
  const impact = describeImpact(fit, delta, technical, business);

  const figures: Omit<CorrelationReport, 'verdict'> = {
    technical: { name: technical.name, query: technical.query, unit: technical.unit, quality: tech.quality },
    business: { name: business.name, query: business.query, unit: business.unit, quality: biz.quality },
    stepSeconds: options.stepSeconds,
    sampleSize: x.length,
    effectiveSampleSize: neff,
    unmatchedTimestamps: atZero.unmatched,
    bestLagSteps: lag,
    bestLagSeconds: lag * options.stepSeconds,
    leads: lag > 0 ? 'technical' : lag < 0 ? 'business' : 'neither',
    lagsTested,
    pearson: figure(r, r.coefficient),
    spearman: figure(rho, rho.coefficient),
    pearsonAtLag0: scan.lags.find((l) => l.lagSteps === 0)?.r ?? Number.NaN,
    lagScan: scan.lags,
    impact,
    settings,
  };
  const verdict = judge(figures, x0, y0, tech.values.size, biz.values.size);
  return {
    // A lead is only claimed with a significant relationship.
    report: { ...figures, leads: verdict.kind === 'relationship' ? figures.leads : 'neither', verdict },
    data: { technical: entries(tech), business: entries(biz), x, y },
  };
}

function describeImpact(
  fit: LinearFit,
  delta: number,
  technical: MetricInput,
  business: MetricInput,
): Impact {
  const estimate = fit.slope * delta;
  const [lo, hi] = fit.slopeInterval.map((s) => s * delta) as [number, number];
  const pct = Math.round(fit.confidence * 100);
  const sentence = `${formatChange(delta, technical.unit)} of ${technical.name} ≈ ${formatChange(estimate, business.unit)} of ${business.name} (${pct}% CI ${formatChange(lo, business.unit, true)} to ${formatChange(hi, business.unit, true)})`;
  return { ...fit, technicalDelta: delta, estimate, estimateInterval: [lo, hi], sentence };
}

function entries(series: CleanSeries): [number, number][] {
  return [...series.values.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => [t / 1000, v]);
}
