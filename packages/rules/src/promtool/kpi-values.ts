import type { AlertCondition } from '../kpi/alert.ts';
import type { AlertableKpi } from '../kpi/kpi.ts';

/** KPI values for a test: normal traffic keeps the alert quiet, the incident value trips it. */
export interface KpiValues {
  readonly normal: number;
  readonly incident: number;
}

/**
 * Picks a normal and an incident value for an alert condition, far enough from the threshold that
 * float rounding never decides the outcome. Ratios stay within [0, 1]. `minNormal` raises a rate's
 * normal value where its own volume must clear a guard; `factor` replaces the condition's (the
 * trailing tier judges volumes on deeper moves).
 */
export function kpiValues(kpi: AlertableKpi, c: AlertCondition, minNormal = 0, factor?: number): KpiValues {
  const isRatio = kpi.kind === 'ratio';
  const cap = (v: number, limit: number) => (isRatio ? Math.min(v, (1 + limit) / 2) : v);
  if ('threshold' in c) {
    const t = c.threshold;
    return c.op === '<'
      ? { normal: cap(2 * t, t), incident: t / 2 }
      : { normal: t / 2, incident: cap(2 * t, t) };
  }
  const normal = isRatio
    ? c.op === '<'
      ? 0.5
      : 0.4
    : Math.max(kpi.kind === 'rate' && kpi.per === 'second' ? 10 : 1000, minNormal);
  const line = normal * (factor ?? c.factor);
  return { normal, incident: c.op === '<' ? line / 2 : cap(line * 1.5, line) };
}
