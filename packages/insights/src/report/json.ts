import type { CorrelationReport } from '../analysis/correlate.ts';

/** The report as one JSON object; NaN and ±Inf become null. */
export function renderJson(report: CorrelationReport): string {
  return `${JSON.stringify(report, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}
