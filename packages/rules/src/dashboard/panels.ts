import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import type { KpiUnit } from '../kpi/kpi.ts';

/** The dashboard's Prometheus data source: a variable, so one JSON fits every Grafana. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a Grafana variable, expanded by Grafana
export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' } as const;

/** Grafana unit ids for KPI units. */
export const GRAFANA_UNIT: Readonly<Record<KpiUnit, string>> = {
  ratio: 'percentunit',
  per_minute: 'short',
  per_second: 'short',
  minor_units: 'short',
  seconds: 's',
};

/** A Prometheus range query with a legend. */
export function query(expr: string, legend: string, refId = 'A'): DataqueryBuilder {
  return new DataqueryBuilder().expr(expr).legendFormat(legend).refId(refId).range();
}

/** A Prometheus instant query (tables, bar gauges). */
export function instantQuery(expr: string, legend: string): DataqueryBuilder {
  return new DataqueryBuilder()
    .expr(expr)
    .legendFormat(legend)
    .refId('A')
    .instant()
    .format('table' as never);
}
