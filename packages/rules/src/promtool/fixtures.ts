import type { MetricDef } from '@bizmetrics/core';
import { promLabel } from '@bizmetrics/core';

/** Labels every test series carries, as a scrape would add them: rules must sum them away. */
export const SCRAPE_LABELS = { job: 'shop', instance: 'shop-1:9464' } as const;

/** A plausible value for a label in test data: the first declared value, a currency code, or `test`. */
export function fixtureValue(metric: MetricDef, key: string): string {
  if (key === 'currency') return 'EUR';
  if (key === 'new_user') return 'true';
  return metric.labels[key]?.values?.[0] ?? 'test';
}

/** Prometheus labels of a test series: the selection's filters, fixed values for `by` labels, scrape labels. */
export function seriesLabels(
  metric: MetricDef,
  where: Readonly<Record<string, string | undefined>>,
  by: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of by) out[promLabel(key)] = where[key] ?? fixtureValue(metric, key);
  for (const [key, v] of Object.entries(where)) if (v !== undefined) out[promLabel(key)] = v;
  return { ...out, ...SCRAPE_LABELS };
}
