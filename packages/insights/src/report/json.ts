import type { CorrelationReport } from '../analysis/correlate.ts';
import type { CostReport } from '../cost/incident-cost.ts';

/** A correlation or cost report as one JSON object; NaN and ±Inf become null. */
export function renderJson(report: CorrelationReport | CostReport): string {
  return `${JSON.stringify(report, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}
