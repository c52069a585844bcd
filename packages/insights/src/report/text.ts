import { formatDuration } from '@bizmetrics/core/prometheus';
import type { CorrelationReport } from '../analysis/correlate.ts';
import type { LagEvidence } from '../analysis/lag-evidence.ts';
import { formatChange, round } from '../analysis/units.ts';

/** The report as plain text for a terminal: verdict first, then raw and adjusted figures side by side. */
export function renderText(report: CorrelationReport): string {
  const { technical, business, association, verdict, adjustment } = report;
  // Without enough data or with a constant series the figures mean nothing: they are not shown.
  const judged = verdict.kind === 'relationship' || verdict.kind === 'no-significant-relationship';
  const row = (label: string, f: (e: LagEvidence) => string) =>
    `  ${label.padEnd(22)}${f(report.raw).padEnd(30)}${f(report.adjusted)}`;
  const cycles =
    adjustment.season === 'none'
      ? 'trend'
      : adjustment.season === 'weekly'
        ? 'day+week cycles, trend'
        : 'daily cycle, trend';
  const figures = [
    `  ${''.padEnd(22)}${'raw (as measured)'.padEnd(30)}adjusted (${cycles}; AR(${adjustment.prewhitening.order})) ← verdict`,
    row('best lag', (e) => `${e.bestLagSteps} steps (${signed(e.bestLagSeconds)})`),
    row('lag interval', (e) => `${e.lagInterval[0]} to ${e.lagInterval[1]} steps`),
    row('pearson r', (e) => round(e.pearson.coefficient)),
    row('p corrected', (e) => p(e.pearson.pAdjusted)),
    row('p plain', (e) => p(e.pearson.p)),
    row('spearman rho', (e) => `${round(e.spearman.coefficient)} (p ${p(e.spearman.pAdjusted)})`),
    row('pairs (effective)', (e) => `${e.sampleSize} (${Math.round(e.effectiveSampleSize)})`),
    row('r at lag 0', (e) => round(e.pearsonAtLag0)),
    row('slope per unit', (e) => round(e.slope.slope)),
    `  lags searched         ${report.adjusted.lagsTested}`,
    `  association           ${formatChange(association.technicalDelta, technical.unit)} → ${formatChange(association.estimate, business.unit)} (CI ${formatChange(association.estimateInterval[0], business.unit, true)} to ${formatChange(association.estimateInterval[1], business.unit, true)})${verdict.kind === 'relationship' ? '' : ' — not significant, do not use'}`,
  ];
  const lines = [
    `${technical.name} → ${business.name}`,
    '',
    `verdict: ${verdict.summary}`,
    '',
    `  technical   ${technical.name}${technical.query ? `: ${technical.query}` : ''}`,
    `  business    ${business.name}${business.query ? `: ${business.query}` : ''}`,
    `  step        ${formatDuration(report.stepSeconds)}; cycle removed: ${adjustment.season}${adjustment.note ? ` — ${adjustment.note}` : ''}`,
    ...(judged ? ['', ...figures] : []),
    '',
    'why:',
    ...verdict.reasons.map((r) => `  - ${r}`),
  ];
  return `${lines.join('\n')}\n`;
}

function p(v: number): string {
  if (Number.isFinite(v) && v < 1e-15) return '< 1e-15';
  return Number.isFinite(v) ? (v < 1e-4 ? v.toExponential(1) : String(Number(v.toPrecision(2)))) : 'n/a';
}

function signed(seconds: number): string {
  return `${seconds < 0 ? '−' : ''}${formatDuration(Math.abs(seconds))}`;
}
