import type { CorrelationReport } from '../analysis/correlate.ts';
import { formatChange, round } from '../analysis/units.ts';
import { formatDuration } from '../prometheus/duration.ts';

/** The report as plain text for a terminal: verdict first, then the figures behind it. */
export function renderText(report: CorrelationReport): string {
  const { technical, business, pearson, spearman, impact, verdict } = report;
  const p = (v: number) =>
    Number.isFinite(v) ? (v < 1e-4 ? v.toExponential(1) : String(Number(v.toPrecision(2)))) : 'n/a';
  // Without enough data or with a constant series the figures mean nothing: they are not shown.
  const judged = verdict.kind === 'relationship' || verdict.kind === 'no-significant-relationship';
  const figures = [
    `  best lag    ${report.bestLagSteps} steps (${report.bestLagSeconds < 0 ? '−' : ''}${formatDuration(Math.abs(report.bestLagSeconds))}); ${report.lagsTested} lags tested; r at lag 0 = ${round(report.pearsonAtLag0)}`,
    `  pearson r   ${round(pearson.coefficient)}   p ${p(pearson.p)}   adjusted p ${p(pearson.pAdjusted)}`,
    `  spearman    ${round(spearman.coefficient)}   p ${p(spearman.p)}   adjusted p ${p(spearman.pAdjusted)}`,
    `  slope       ${round(impact.slope)} per unit, ${Math.round(impact.confidence * 100)}% CI [${round(impact.slopeInterval[0])}, ${round(impact.slopeInterval[1])}], R² ${round(impact.rSquared)}`,
    `  impact      ${formatChange(impact.technicalDelta, technical.unit)} → ${formatChange(impact.estimate, business.unit)} (CI ${formatChange(impact.estimateInterval[0], business.unit, true)} to ${formatChange(impact.estimateInterval[1], business.unit, true)})${verdict.kind === 'relationship' ? '' : ' — not significant, do not use'}`,
  ];
  const lines = [
    `${technical.name} → ${business.name}`,
    '',
    `verdict: ${verdict.summary}`,
    '',
    `  technical   ${technical.name}${technical.query ? `: ${technical.query}` : ''}`,
    `  business    ${business.name}${business.query ? `: ${business.query}` : ''}`,
    `  samples     ${report.sampleSize} pairs at step ${formatDuration(report.stepSeconds)} (effective ${Math.round(report.effectiveSampleSize)})`,
    ...(judged ? figures : []),
    '',
    'why:',
    ...verdict.reasons.map((r) => `  - ${r}`),
  ];
  return `${lines.join('\n')}\n`;
}
