import type { CounterDef } from '@bizmetrics/core';
import type { HistogramDef } from '@bizmetrics/core/catalog';
import type { AlertDef } from '../kpi/alert.ts';
import type { RulesConfig } from '../kpi/config.ts';
import type { Select } from '../kpi/select.ts';
import type { AlertingRule } from './alert-rules.ts';
import { call, ranged, render } from './promql.ts';
import { countSeries } from './series.ts';

/** Name of the no-data alert raised when a series an alert reads stops arriving. */
export const ABSENT_ALERT = 'BusinessMetricAbsent';
/** How long a selection may report nothing before its no-data alert goes pending (config `noDataAfter`). */
export const DEFAULT_NO_DATA_AFTER = '10m';
/** How long it must stay absent before the no-data alert fires. */
export const ABSENT_FOR = '5m';

const SEVERITY_RANK = { info: 0, ticket: 1, page: 2 } as const;

/**
 * One no-data alert per selection that alerts read (the KPI's own selectors, such as the cart-view
 * step, not just the metric name): when its series are gone (an exporter that disappeared, a renamed
 * label) every alert reading it is blind, so silence itself alerts, with the severity of the most
 * urgent alert it blinds. Flat counters still report: they are traffic (the collapse alerts judge
 * them), not missing data. `absent_over_time` turns the selector's equality matchers into labels.
 */
export function absentRules(config: RulesConfig): AlertingRule[] {
  const bySelector = new Map<string, { select: Select<CounterDef | HistogramDef>; alerts: AlertDef[] }>();
  for (const a of config.alerts)
    for (const s of alertInputs(a)) {
      const key = render(countSeries(s));
      const entry = bySelector.get(key) ?? { select: s, alerts: [] };
      if (!entry.alerts.includes(a)) entry.alerts.push(a);
      bySelector.set(key, entry);
    }
  const after = config.noDataAfter ?? DEFAULT_NO_DATA_AFTER;
  return [...bySelector].map(([selector, { select, alerts }]) => {
    const series = countSeries(select);
    const name = series.t === 'selector' ? series.name : select.metric.name;
    const severity = alerts
      .map((a) => a.severity)
      .reduce((x, y) => (SEVERITY_RANK[y] > SEVERITY_RANK[x] ? y : x));
    const names = alerts.map((a) => a.name).join(', ');
    return {
      alert: ABSENT_ALERT,
      expr: call('absent_over_time', ranged(series, after)),
      for: ABSENT_FOR,
      // The selection's matchers as rule labels too: one rule per selection, each with its own labels.
      labels: {
        ...(series.t === 'selector' ? series.match : {}),
        severity,
        team: select.metric.owner,
        metric: name,
      },
      annotations: {
        summary: `No ${selector} series for ${after}`,
        description: `The series are gone, not flat: ${names} cannot fire while they are missing. Check the service's bizmetrics SDK and the scrape or OTLP export path.`,
        runbook_url: `${config.links.runbookBase}#business-metric-absent`,
        dashboard_url: config.links.dashboard,
      },
      source: { absent: name, selector: series.t === 'selector' ? series.match : {} },
    };
  });
}

/** The selections an alert reads: its KPI's inputs (refunds subtracted from revenue may be missing) and its guard. */
function alertInputs(a: AlertDef): Select<CounterDef | HistogramDef>[] {
  const k = a.kpi;
  const inputs: Select<CounterDef | HistogramDef>[] =
    k.kind === 'ratio' ? [k.numerator, k.denominator] : [k.value];
  if (a.guard) inputs.push(a.guard.select);
  return inputs;
}
