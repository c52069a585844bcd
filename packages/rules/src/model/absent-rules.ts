import type { MetricDef } from '@bizmetrics/core';
import type { RulesConfig } from '../kpi/config.ts';
import { kpiInputs } from '../kpi/kpi.ts';
import { select } from '../kpi/select.ts';
import type { AlertingRule } from './alert-rules.ts';
import { call, ranged } from './promql.ts';
import { countSeries } from './series.ts';

/** Name of the no-data alert raised when a metric an alert depends on stops arriving. */
export const ABSENT_ALERT = 'BusinessMetricAbsent';

/**
 * One no-data alert per metric that alerts read: if the instrumentation disappears every ratio
 * alert goes silent, so silence itself must page. (The SDK starts known label sets at 0, so a
 * counter that was never incremented still exists.)
 */
export function absentRules(config: RulesConfig): AlertingRule[] {
  const metrics = new Map<string, MetricDef>();
  for (const a of config.alerts) {
    for (const s of kpiInputs(a.kpi)) metrics.set(s.metric.name, s.metric);
    if (a.guard) metrics.set(a.guard.select.metric.name, a.guard.select.metric);
  }
  const after = config.noDataAfter ?? '30m';
  return [...metrics.values()].map((m) => {
    const series = countSeries(select(m));
    const name = series.t === 'selector' ? series.name : m.name;
    return {
      alert: ABSENT_ALERT,
      expr: call('absent_over_time', ranged(series, after)),
      for: '5m',
      labels: { severity: 'ticket', team: m.owner, metric: name },
      annotations: {
        summary: `No ${name} series for ${after}`,
        description: `Alerts that read ${name} cannot fire while it is missing: check the service's bizmetrics SDK and the scrape or OTLP export path.`,
        runbook_url: `${config.links.runbookBase}#business-metric-absent`,
        dashboard_url: config.links.dashboard,
      },
      source: { absent: name },
    };
  });
}
