import { formatDuration } from '../prometheus/duration.ts';
import type { CorrelationReport } from './correlate.ts';

type Figures = Omit<CorrelationReport, 'verdict'>;

import { round } from './units.ts';

/** What the data supports. */
export type VerdictKind =
  | 'relationship'
  | 'no-significant-relationship'
  | 'insufficient-data'
  | 'constant-series';

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

/** The verdict on the figures: what the pairs at lag 0 and the corrected p-values support. */
export function judge(
  report: Figures,
  x0: readonly number[],
  y0: readonly number[],
  technicalSamples: number,
  businessSamples: number,
): Verdict {
  const { minSamples, alpha } = report.settings;
  const dataNotes = qualityNotes(report);
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

function leadText(report: Figures): string {
  const steps = Math.abs(report.bestLagSteps);
  const span = `${steps} step${steps === 1 ? '' : 's'} (${formatDuration(Math.abs(report.bestLagSeconds))})`;
  if (report.leads === 'technical')
    return `${report.technical.name} leads ${report.business.name} by ${span}`;
  if (report.leads === 'business')
    return `${report.business.name} moves ${span} before ${report.technical.name}: the technical metric does not lead`;
  return 'they move together (no lead at this step)';
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

function fmtP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
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
