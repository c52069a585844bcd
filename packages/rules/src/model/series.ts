import { type MetricDef, promName } from '@bizmetrics/core';
import { promBucket, promCount, promLabel } from '@bizmetrics/core/prometheus';
import type { Select } from '../kpi/select.ts';
import { type Expr, sel } from './promql.ts';

/** Label matchers of a selection, with catalog keys mapped to Prometheus label names. */
export function matchers(s: Select<MetricDef>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.where)) if (v !== undefined) out[promLabel(k)] = v as string;
  return out;
}

/** The counting series of a selection: `…_total` for counters, `…_count` for histograms. */
export function countSeries(s: Select<MetricDef>): Expr {
  const name = s.metric.kind === 'histogram' ? promCount(s.metric) : promName(s.metric);
  return sel(name, matchers(s));
}

/** The `…_bucket` series of a histogram selection. */
export function bucketSeries(s: Select<MetricDef>): Expr {
  return sel(promBucket(s.metric), matchers(s));
}

/** Prometheus label names for catalog label keys. */
export function promLabels(keys: readonly string[]): string[] {
  return keys.map(promLabel);
}
