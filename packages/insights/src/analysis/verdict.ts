import { formatDuration } from '@bizmetrics/core/prometheus';
import type { Series } from '../align/series.ts';
import type { CorrelationReport } from './correlate.ts';
import type { LagEvidence } from './lag-evidence.ts';
import { round } from './units.ts';

type Figures = Omit<CorrelationReport, 'verdict'>;

/** What the data supports. */
export type VerdictKind =
  | 'relationship'
  | 'no-significant-relationship'
  | 'insufficient-data'
  | 'constant-series'
  | 'step-mismatch';

/** The honest one-line answer and the reasons behind it. */
export interface Verdict {
  readonly kind: VerdictKind;
  /** One sentence; for `no-significant-relationship` it starts with "no significant relationship". */
  readonly summary: string;
  readonly reasons: readonly string[];
}

/** Words for |r|: the usual rule of thumb (Cohen 1988). */
export function strength(r: number): 'very weak' | 'weak' | 'moderate' | 'strong' {
  const a = Math.abs(r);
  if (a < 0.1) return 'very weak';
  if (a < 0.3) return 'weak';
  if (a < 0.5) return 'moderate';
  return 'strong';
}

/**
 * A verdict when a series' samples are not spaced by the step (queried with another step, or
 * scraped less often than it): pairing them would invent gaps or repeat values.
 */
export function stepMismatch(report: Figures, series: readonly Series[]): Verdict | undefined {
  const names = [report.technical.name, report.business.name];
  for (const [i, s] of series.entries()) {
    const spacing = medianSpacing(s);
    if (spacing === undefined || Math.abs(spacing - report.stepSeconds) <= report.stepSeconds * 0.01)
      continue;
    return {
      kind: 'step-mismatch',
      summary: `${names[i]} has a sample every ${formatDuration(spacing)}, not every ${formatDuration(report.stepSeconds)} (the step): query both series with the same step, or set the step to ${formatDuration(spacing)}`,
      reasons: ['series on different grids cannot be paired by timestamp without inventing values'],
    };
  }
  return undefined;
}

/** The verdict on the figures: what the pairs at lag 0 and the adjusted, corrected p-values support. */
export function judge(
  report: Figures,
  x0: readonly number[],
  y0: readonly number[],
  technicalSamples: number,
  businessSamples: number,
  /** Name of a series whose cycle and trend explain it entirely (residuals at floating-point noise). */
  nothingLeft?: string,
): Verdict {
  const { minSamples, alpha } = report.settings;
  const dataNotes = qualityNotes(report);
  const { adjusted, adjustment } = report;
  if (x0.length < minSamples) {
    return {
      kind: 'insufficient-data',
      summary: `not enough data: ${x0.length} paired samples, at least ${minSamples} needed — widen the range or shorten the step`,
      reasons: [
        `${technicalSamples} technical and ${businessSamples} business samples, ${x0.length} at common timestamps`,
        ...dataNotes,
      ],
    };
  }
  const constant = [
    [report.technical.name, x0],
    [report.business.name, y0],
  ].find(([, v]) => isConstant(v as number[])) as [string, number[]] | undefined;
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
  const free = Math.round(adjusted.sampleSize - adjustment.parameters - adjustment.prewhitening.order);
  if (free < minSamples) {
    return {
      kind: 'insufficient-data',
      summary: `not enough data after removing ${cycleWords(report)}: ${x0.length} paired samples leave ${Math.max(0, free)} free, at least ${minSamples} needed — widen the range`,
      reasons: [
        `${adjustment.parameters} values were fitted to each series to remove them (a mean per slot of the cycle, and a trend)`,
        ...(adjustment.note ? [adjustment.note] : []),
        ...dataNotes,
      ],
    };
  }
  if (nothingLeft !== undefined || !Number.isFinite(adjusted.pearson.coefficient)) {
    return {
      kind: 'constant-series',
      summary: `nothing is left to correlate once ${cycleWords(report)} are removed: ${nothingLeft ?? 'a series'} is its cycle and trend alone over the range — look at the profiles, or pick a range in which it varies from day to day`,
      reasons: ['a series without variation of its own cannot be related to another', ...dataNotes],
    };
  }
  const reasons = [
    `the verdict rests on the adjusted series: ${cycleWords(report)} removed from both, then both filtered with an AR(${adjustment.prewhitening.order}) model of ${report.technical.name} (prewhitening)`,
    `adjusted: Pearson r = ${round(adjusted.pearson.coefficient)} at lag ${adjusted.bestLagSteps} (${signedDuration(adjusted.bestLagSeconds)}), ${pText(adjusted)}; plain p ${pWord(adjusted.pearson.p)}`,
    `adjusted: Spearman rho = ${round(adjusted.spearman.coefficient)}, corrected p ${pWord(adjusted.spearman.pAdjusted)}`,
    `raw, as measured (not used for the verdict): r = ${round(report.raw.pearson.coefficient)} at lag ${report.raw.bestLagSteps}, ${pText(report.raw)}`,
    ...(adjustment.note ? [adjustment.note] : []),
    ...dataNotes,
  ];
  const caution = adjustment.note && adjustment.season !== 'weekly' ? ` (${adjustment.note})` : '';
  if (!(adjusted.pearson.pAdjusted < alpha)) {
    const fromCycles =
      report.raw.pearson.pAdjusted < alpha
        ? [
            'the raw correlation comes from what both series share over the day, the week or the trend: it does not survive their removal',
          ]
        : [];
    return {
      kind: 'no-significant-relationship',
      summary: `no significant relationship between ${report.technical.name} and ${report.business.name} after removing ${cycleWords(report)} (adjusted r = ${round(adjusted.pearson.coefficient)}, ${pText(adjusted)})${caution}`,
      reasons: [...reasons, ...fromCycles, 'no change is stated: the slope is indistinguishable from noise'],
    };
  }
  const direction = adjusted.pearson.coefficient < 0 ? 'against' : 'with';
  return {
    kind: 'relationship',
    summary: `${report.business.name} moves ${direction} ${report.technical.name} after removing ${cycleWords(report)} (${strength(adjusted.pearson.coefficient)}, adjusted r = ${round(adjusted.pearson.coefficient)}, p ${pWord(adjusted.pearson.pAdjusted)}); ${leadText(report)}; associated: ${report.association.sentence}${caution}`,
    reasons: [
      ...reasons,
      ...(Math.abs(adjusted.pearson.coefficient) < 0.1
        ? ['significant but very weak: real, yet too small to act on']
        : []),
      `association, not cause: the change stated is what to expect only if ${report.technical.name} drives ${report.business.name} and nothing else left after the adjustment (a deploy, a campaign, an outage of a third party) moves both`,
    ],
  };
}

function cycleWords(report: Figures): string {
  const season = report.adjustment.season;
  if (season === 'weekly') return 'daily and weekly cycles and the trend';
  if (season === 'daily') return 'the daily cycle and the trend';
  return 'the trend';
}

function pText(e: LagEvidence): string {
  return `p ${pWord(e.pearson.pAdjusted)} after correcting for autocorrelation (effective n = ${Math.round(e.effectiveSampleSize)} of ${e.sampleSize}) and the search over ${e.lagsTested} lags`;
}

function leadText(report: Figures): string {
  const { bestLagSteps: best, lagInterval, bestLagSeconds } = report.adjusted;
  const [lo, hi] = lagInterval;
  const pct = Math.round(report.settings.confidence * 100);
  const range = `${pct}% lag interval ${lo} to ${hi}`;
  const span = `${plural(Math.abs(best), 'step')} (${formatDuration(Math.abs(bestLagSeconds))}; ${range})`;
  if (lo > 0) return `${report.technical.name} leads by ${span}`;
  if (hi < 0) return `${report.business.name} moves first, by ${span}: the technical metric does not lead`;
  if (best === 0 && lo === 0 && hi === 0) return 'they move at the same step (lag 0)';
  return `no lead can be told: lags ${lo} to ${hi} steps fit about as well (best ${best})`;
}

function qualityNotes(report: Figures): string[] {
  const notes: string[] = [];
  for (const q of [report.technical.quality, report.business.quality]) {
    if (q.nonFinite > 0)
      notes.push(
        `${q.name}: ${plural(q.nonFinite, 'NaN/Inf sample')} dropped (e.g. a ratio over zero traffic)`,
      );
    if (q.gaps.length > 0)
      notes.push(
        `${q.name}: ${plural(q.gaps.length, 'gap')}, ${plural(q.missingSteps, 'step')} without a usable sample`,
      );
    if (q.counterResets > 0)
      notes.push(`${q.name}: ${plural(q.counterResets, 'counter reset')} treated as a restart from zero`);
  }
  if (report.unmatchedTimestamps > 0)
    notes.push(`${report.unmatchedTimestamps} timestamps had only one of the two series`);
  return notes;
}

function signedDuration(seconds: number): string {
  return `${seconds < 0 ? '−' : ''}${formatDuration(Math.abs(seconds))}`;
}

function pWord(p: number): string {
  const text = fmtP(p);
  return text.startsWith('<') ? text : `= ${text}`;
}

function fmtP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  // Below 1e-15 the double arithmetic behind a p-value is noise: no digits are claimed.
  if (p < 1e-15) return '< 1e-15';
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

function medianSpacing(series: Series): number | undefined {
  const times = series.points.map((p) => p[0]).sort((a, b) => a - b);
  const diffs = times
    .slice(1)
    .map((t, i) => t - (times[i] as number))
    .sort((a, b) => a - b);
  return diffs.length >= 2 ? diffs[Math.floor(diffs.length / 2)] : undefined;
}

/** Constant up to floating-point noise (a ratio like 0.05 computed from counters is not exact). */
function isConstant(values: readonly number[]): boolean {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi - lo <= 1e-12 * Math.max(1, Math.abs(hi), Math.abs(lo));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
