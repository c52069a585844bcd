import { sampleVariance } from 'simple-statistics';
import { alignSeries } from '../align/align.ts';
import { cleanSeries } from '../align/clean.ts';
import type { CleanSeries, Series, SeriesQuality } from '../align/series.ts';
import { formatDuration } from '../prometheus/duration.ts';
import { type Correlation, pearson, significance, spearman } from '../stats/correlation.ts';
import { effectiveSampleSize } from '../stats/effective-size.ts';
import { type LinearFit, linearFit } from '../stats/regression.ts';
import { type LagPoint, scanLags } from './lag-scan.ts';
import { formatChange, type MetricUnit, niceStep, round } from './units.ts';
import { strength, type Verdict } from './verdict.ts';

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
  /** Steps by which the business metric follows the technical one (negative: it moves first). */
  readonly bestLagSteps: number;
  readonly bestLagSeconds: number;
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

  const report: CorrelationReport = {
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
    verdict: { kind: 'relationship', summary: '', reasons: [] },
    settings,
  };
  const verdict = judge(report, x0, y0, tech, biz);
  return {
    report: { ...report, verdict },
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

function judge(
  report: CorrelationReport,
  x0: readonly number[],
  y0: readonly number[],
  tech: CleanSeries,
  biz: CleanSeries,
): Verdict {
  const { minSamples, alpha } = report.settings;
  const dataNotes = qualityNotes(report);
  if (x0.length < minSamples) {
    return {
      kind: 'insufficient-data',
      summary: `not enough data: ${x0.length} paired samples, at least ${minSamples} needed — widen the range or shorten the step`,
      reasons: [
        `${tech.values.size} technical and ${biz.values.size} business samples, ${x0.length} at common timestamps`,
        ...dataNotes,
      ],
    };
  }
  const constant = [
    [report.technical.name, x0],
    [report.business.name, y0],
  ].find(([, v]) => sampleVariance(v as number[]) === 0) as [string, number[]] | undefined;
  if (constant) {
    return {
      kind: 'constant-series',
      summary: `${constant[0]} is constant (${round(constant[1][0] ?? Number.NaN)}) over the range: no relationship can be measured`,
      reasons: [
        'a constant series has no variance to correlate; pick a range in which it moves, or check the query',
        ...dataNotes,
      ],
    };
  }
  const { pearson: r, spearman: rho, impact } = report;
  const lagText = `at lag ${report.bestLagSteps} (${formatDuration(Math.abs(report.bestLagSeconds))})`;
  const pText = `p = ${fmtP(r.pAdjusted)} after correcting for autocorrelation (effective n = ${Math.round(report.effectiveSampleSize)} of ${report.sampleSize}) and ${report.lagsTested} lags tested`;
  const reasons = [
    `Pearson r = ${round(r.coefficient)} ${lagText}, ${pText}; plain p = ${fmtP(r.p)}`,
    `Spearman rho = ${round(rho.coefficient)}, adjusted p = ${fmtP(rho.pAdjusted)}`,
    `r at lag 0 = ${round(report.pearsonAtLag0)}`,
    ...dataNotes,
  ];
  if (!(r.pAdjusted < alpha)) {
    return {
      kind: 'no-significant-relationship',
      summary: `no significant relationship between ${report.technical.name} and ${report.business.name} (r = ${round(r.coefficient)}, ${pText})`,
      reasons: [...reasons, 'no impact estimate is given: the slope is indistinguishable from noise'],
    };
  }
  const direction = r.coefficient < 0 ? 'negative' : 'positive';
  const lead = leadText(report);
  return {
    kind: 'relationship',
    summary: `${strength(r.coefficient)} ${direction} relationship (r = ${round(r.coefficient)}); ${lead}; ${impact.sentence}`,
    reasons: [
      ...reasons,
      ...(Math.abs(r.coefficient) < 0.1 ? ['significant but very weak: real, yet too small to act on'] : []),
      'correlation is not causation: a common cause (a traffic peak, a deploy) can move both metrics',
    ],
  };
}

function leadText(report: CorrelationReport): string {
  const steps = Math.abs(report.bestLagSteps);
  const span = `${steps} step${steps === 1 ? '' : 's'} (${formatDuration(Math.abs(report.bestLagSeconds))})`;
  if (report.leads === 'technical')
    return `${report.technical.name} leads ${report.business.name} by ${span}`;
  if (report.leads === 'business')
    return `${report.business.name} moves ${span} before ${report.technical.name}: the technical metric does not lead`;
  return 'they move together (no lead at this step)';
}

function qualityNotes(report: CorrelationReport): string[] {
  const notes: string[] = [];
  for (const q of [report.technical.quality, report.business.quality]) {
    if (q.nonFinite > 0)
      notes.push(`${q.name}: ${q.nonFinite} NaN/Inf samples dropped (e.g. a ratio over zero traffic)`);
    if (q.gaps.length > 0)
      notes.push(`${q.name}: ${q.gaps.length} gaps, ${q.missingSteps} steps without a usable sample`);
    if (q.counterResets > 0)
      notes.push(`${q.name}: ${q.counterResets} counter resets treated as restarts from zero`);
  }
  if (report.unmatchedTimestamps > 0)
    notes.push(`${report.unmatchedTimestamps} timestamps had only one of the two series`);
  return notes;
}

function fmtP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

function entries(series: CleanSeries): [number, number][] {
  return [...series.values.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => [t / 1000, v]);
}
