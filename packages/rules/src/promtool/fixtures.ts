import type { MetricDef } from '@bizmetrics/core';
import { promLabel } from '@bizmetrics/core/prometheus';

/** Labels every test series carries, as a scrape would add them: rules must sum them away. */
export const SCRAPE_LABELS = { job: 'shop', instance: 'shop-1:9464' } as const;

/**
 * Plausible values for a label in test data, a first and a second (for a second slice that stays
 * normal while the first fails): declared values, currency codes, or `test` / `other_test`.
 */
export function fixtureValues(metric: MetricDef, key: string): readonly [string, string] {
  if (key === 'currency') return ['EUR', 'USD'];
  if (key === 'new_user') return ['true', 'false'];
  const declared = metric.labels[key]?.values;
  return [declared?.[0] ?? 'test', declared?.[1] ?? 'other_test'];
}

/** A plausible value for a label in test data: the first of {@link fixtureValues}. */
export function fixtureValue(metric: MetricDef, key: string): string {
  return fixtureValues(metric, key)[0];
}

/**
 * Prometheus labels of a test series: the selection's filters, fixed values for `by` labels (the
 * second slice's where `slice` is 1 and the label is free), scrape labels.
 */
export function seriesLabels(
  metric: MetricDef,
  where: Readonly<Record<string, string | undefined>>,
  by: readonly string[],
  slice: { readonly key: string; readonly index: 0 | 1 } | undefined = undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of by)
    out[promLabel(key)] =
      where[key] ?? fixtureValues(metric, key)[slice && slice.key === key ? slice.index : 0];
  for (const [key, v] of Object.entries(where)) if (v !== undefined) out[promLabel(key)] = v;
  return { ...out, ...SCRAPE_LABELS };
}
