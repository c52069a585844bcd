import { sampleVariance } from 'simple-statistics';
import { alignSeries } from '../align/align.ts';
import { cleanSeries, toKey } from '../align/clean.ts';
import type { CleanSeries, Series, SeriesQuality } from '../align/series.ts';
import { deseasonalize } from '../seasonal/deseasonalize.ts';
import { chooseSeason, type Season } from '../seasonal/season.ts';
import { applyAutoregression, fitAutoregression } from '../stats/autoregression.ts';
import type { LinearFit } from '../stats/regression.ts';
import { type LagEvidence, lagEvidence } from './lag-evidence.ts';
import { formatChange, type MetricUnit, niceStep } from './units.ts';
import { judge, stepMismatch, type Verdict } from './verdict.ts';

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
  /** Confidence of the slope and lag intervals; default 0.95. */
  readonly confidence?: number;
  /** Technical change the association is stated for (e.g. 0.1 for +100 ms); default a round step near its standard deviation. */
  readonly technicalDelta?: number;
  /** Cycle removed before judging: `auto` (weekly with ≥ 2 weeks of data, else daily with ≥ 2 days), or at most this one. */
  readonly season?: 'auto' | Season;
  /** Highest order of the autoregressive model fitted to the technical series for prewhitening; default 8. */
  readonly maxArOrder?: number;
}

/** How the series were adjusted before the verdict. */
export interface Adjustment {
  /** Cycle removed from both series (a mean per slot of the day or week), with a linear trend. */
  readonly season: Season;
  readonly periodSeconds: number;
  /** Why a longer cycle could not be removed, and what would fix it. */
  readonly note?: string;
  /** Linear trends removed, per day, in each metric's unit. */
  readonly trendPerDay: { readonly technical: number; readonly business: number };
  /** Autoregressive model of the adjusted technical series; its filter was applied to both series. */
  readonly prewhitening: { readonly order: number; readonly coefficients: readonly number[] };
  /** Values fitted per series (slots and trend): degrees of freedom no longer free. */
  readonly parameters: number;
}

/** The linear association at the adjusted best lag, in business units per technical change. */
export interface Association extends LinearFit {
  /** Technical change the estimate is for, in the technical unit. */
  readonly technicalDelta: number;
  /** Business change that goes with `technicalDelta`, in the business unit, and its interval. */
  readonly estimate: number;
  readonly estimateInterval: readonly [number, number];
  /** "+100 ms of p99 latency goes with −1.02 percentage points of checkout conversion 2 steps later (95% CI …)". */
  readonly sentence: string;
}

/** A metric as the report names it. */
export interface ReportedMetric {
  readonly name: string;
  readonly query?: string;
  readonly unit?: string;
  readonly quality: SeriesQuality;
}

/** Everything `bizmetrics correlate --format json` prints. */
export interface CorrelationReport {
  readonly technical: ReportedMetric;
  readonly business: ReportedMetric;
  readonly stepSeconds: number;
  /** Timestamps where only one of the two series had a value (lag 0). */
  readonly unmatchedTimestamps: number;
  readonly adjustment: Adjustment;
  /** The series as measured: shared cycles and trends included. Shown for comparison, never judged on. */
  readonly raw: LagEvidence;
  /** After removing cycles and trends and prewhitening: what the verdict rests on. */
  readonly adjusted: LagEvidence;
  readonly basis: 'adjusted';
  /** Which metric moves first; 'neither' unless the adjusted relationship is significant and the lag interval excludes 0. */
  readonly leads: 'technical' | 'business' | 'neither';
  readonly association: Association;
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
    /** Mean per slot of the removed cycle (empty when none was removed). */
    readonly profiles: {
      readonly technical: readonly number[];
      readonly business: readonly number[];
    };
    /** Deseasonalised pairs at the adjusted best lag: technical x, business y. */
    readonly x: readonly number[];
    readonly y: readonly number[];
  };
}

/**
 * Correlates a technical and a business series. The verdict rests on the adjusted series: a daily
 * or weekly cycle and a trend removed from both, both filtered with the technical series' own
 * autoregressive model, then a lag scan judged on its effective sample size and on how many lags
 * were searched. The raw figures are reported beside them, for comparison.
 */
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
  const step = options.stepSeconds;
  const tech = cleanSeries({ ...technical.series, name: technical.name }, step);
  const biz = cleanSeries({ ...business.series, name: business.name }, step);
  const atZero = alignSeries([tech, biz]);
  const [x0 = [], y0 = []] = atZero.values;

  const choice = chooseSeason(commonSpan(tech, biz, step), step, options.season ?? 'auto');
  const techSeasonal = deseasonalize(tech.values, step, choice);
  const bizSeasonal = deseasonalize(biz.values, step, choice);
  const stepMs = toKey(step);
  const model = fitAutoregression(techSeasonal.residuals, stepMs, options.maxArOrder ?? 8);
  const whitened = (s: CleanSeries, residuals: ReadonlyMap<number, number>): CleanSeries => ({
    ...s,
    values: applyAutoregression(residuals, stepMs, model),
  });
  const parameters = Math.max(techSeasonal.parameters, bizSeasonal.parameters);
  const seasonSteps = choice.periodSeconds / step;
  const adjusted = lagEvidence(whitened(tech, techSeasonal.residuals), whitened(biz, bizSeasonal.residuals), {
    ...settings,
    parameters: parameters + model.order,
    // Short-range autocorrelation only: prewhitening leaves the technical residuals nearly
    // independent, and the cycle's own lag is what the fitted profile's parameters account for.
    maxAutocorrelationLag: Math.min(
      Math.max(20, 2 * settings.maxLagSteps),
      seasonSteps > 0 ? Math.floor(seasonSteps / 2) : Number.POSITIVE_INFINITY,
    ),
  });
  const raw = lagEvidence(tech, biz, settings);
  const [x = [], y = []] = alignSeries(
    [
      { ...tech, values: techSeasonal.residuals },
      { ...biz, values: bizSeasonal.residuals },
    ],
    [0, adjusted.bestLagSteps],
  ).values;
  const { x: _x, y: _y, ...adjustedReport } = adjusted;
  const { x: _rx, y: _ry, ...rawReport } = raw;

  const delta = options.technicalDelta ?? niceStep(x0.length > 1 ? Math.sqrt(sampleVariance(x0)) : 0);
  const association = describeAssociation(adjusted.slope, delta, adjusted.bestLagSteps, technical, business);
  const figures: Omit<CorrelationReport, 'verdict'> = {
    technical: { name: technical.name, query: technical.query, unit: technical.unit, quality: tech.quality },
    business: { name: business.name, query: business.query, unit: business.unit, quality: biz.quality },
    stepSeconds: step,
    unmatchedTimestamps: atZero.unmatched,
    adjustment: {
      season: choice.season,
      periodSeconds: choice.periodSeconds,
      ...(choice.note ? { note: choice.note } : {}),
      trendPerDay: {
        technical: techSeasonal.trendPerSecond * 86_400,
        business: bizSeasonal.trendPerSecond * 86_400,
      },
      prewhitening: { order: model.order, coefficients: model.coefficients },
      parameters,
    },
    raw: rawReport,
    adjusted: adjustedReport,
    basis: 'adjusted',
    leads: 'neither',
    association,
    settings,
  };
  const verdict =
    stepMismatch(figures, [technical.series, business.series]) ??
    judge(
      figures,
      x0,
      y0,
      tech.values.size,
      biz.values.size,
      [
        [technical.name, tech.values, techSeasonal.residuals] as const,
        [business.name, biz.values, bizSeasonal.residuals] as const,
      ].find(([, raw, left]) => spread(left) <= 1e-9 * spread(raw))?.[0],
    );
  const [lo, hi] = adjusted.lagInterval;
  // A lead is only claimed with a significant relationship whose lag interval leaves out zero.
  const leads =
    verdict.kind !== 'relationship' ? 'neither' : lo > 0 ? 'technical' : hi < 0 ? 'business' : 'neither';
  return {
    report: { ...figures, leads, verdict },
    data: {
      technical: entries(tech),
      business: entries(biz),
      profiles:
        choice.season === 'none'
          ? { technical: [], business: [] }
          : { technical: techSeasonal.profile, business: bizSeasonal.profile },
      x,
      y,
    },
  };
}

function describeAssociation(
  fit: LinearFit,
  delta: number,
  lag: number,
  technical: MetricInput,
  business: MetricInput,
): Association {
  const estimate = fit.slope * delta;
  const [lo, hi] = fit.slopeInterval.map((s) => s * delta) as [number, number];
  const pct = Math.round(fit.confidence * 100);
  const when =
    lag === 0
      ? 'at the same time'
      : lag > 0
        ? `${plural(lag, 'step')} later`
        : `${plural(-lag, 'step')} earlier`;
  const sentence = `${formatChange(delta, technical.unit)} of ${technical.name} goes with ${formatChange(estimate, business.unit)} of ${business.name} ${when} (${pct}% CI ${formatChange(lo, business.unit, true)} to ${formatChange(hi, business.unit, true)})`;
  return { ...fit, technicalDelta: delta, estimate, estimateInterval: [lo, hi], sentence };
}

/** Seconds both series cover together, counting the last step. */
function commonSpan(a: CleanSeries, b: CleanSeries, step: number): number {
  const bounds = (s: CleanSeries) => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const k of s.values.keys()) {
      lo = Math.min(lo, k);
      hi = Math.max(hi, k);
    }
    return [lo, hi] as const;
  };
  const [a0, a1] = bounds(a);
  const [b0, b1] = bounds(b);
  const span = (Math.min(a1, b1) - Math.max(a0, b0)) / 1000 + step;
  return Number.isFinite(span) ? Math.max(0, span) : 0;
}

/** Largest minus smallest value. */
function spread(values: ReadonlyMap<number, number>): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values.values()) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi - lo;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function entries(series: CleanSeries): [number, number][] {
  return [...series.values.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => [t / 1000, v]);
}
