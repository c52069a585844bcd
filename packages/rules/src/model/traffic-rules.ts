import type { CounterDef } from '@bizmetrics/core';
import type { HistogramDef } from '@bizmetrics/core/catalog';
import { promLabel } from '@bizmetrics/core/prometheus';
import type { Select } from '../kpi/select.ts';
import type { RecordingRule } from './kpi-rules.ts';
import { call, ranged, sumBy } from './promql.ts';
import { countSeries } from './series.ts';

/**
 * Events of a selection in a window, summed by the labels an alert keeps: what a volume guard
 * compares with its minimum. Named after the selection (`funnel:business_funnel_steps_checkout_cart_view:increase30m`)
 * so alerts with the same guard share it.
 */
export function trafficRecord(
  select: Select<CounterDef | HistogramDef>,
  by: readonly string[],
  window: string,
): RecordingRule {
  const series = countSeries(select);
  if (series.t !== 'selector') throw new Error('unreachable');
  const values = Object.keys(select.where)
    .sort()
    .map((k) => (select.where as Record<string, string | undefined>)[k])
    .filter((v): v is string => v !== undefined)
    .map((v) => v.replace(/[^A-Za-z0-9_]/g, '_'));
  const metric = [series.name.replace(/_total$/, ''), ...values].join('_');
  const level = by.length ? by.join('_') : 'all';
  const record = `${level}:${metric}:increase${window}`;
  const expr = sumBy(by.map(promLabel), call('increase', ranged(series, window)));
  return { record, expr, ref: { t: 'record', name: record, def: expr } };
}
