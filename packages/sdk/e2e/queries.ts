import { standardCatalog as c, promName } from '@bizmetrics/core';
import { promBucket } from '@bizmetrics/core/prometheus';

/**
 * The article's KPI queries, written once with the catalog's names. They aggregate with
 * `sum by (...)`, since each path adds its own labels (job, instance, otel_scope_name, …), and
 * read cumulative totals at one instant, so every path must return the same numbers.
 */
const steps = promName(c.funnelSteps);
const revenue = promName(c.revenue);
const usage = promName(c.featureUsage);

export const KPI_QUERIES = {
  conversionRate: `sum(${steps}{funnel="checkout",step="confirmed"}) / sum(${steps}{funnel="checkout",step="cart_view"})`,
  revenueByRegion: `sum by (region, currency) (${revenue})`,
  netRevenueByRegion: `sum by (region, currency) (${revenue}) - sum by (region, currency) (${promName(c.refunds)}) or sum by (region, currency) (${revenue})`,
  medianOrderValue: `histogram_quantile(0.5, sum by (le, product_category) (${promBucket(c.orderValue)}))`,
  p95SessionDuration: `histogram_quantile(0.95, sum by (le, user_tier) (${promBucket(c.sessionDuration)}))`,
  newUserFeatureShare: `sum(${usage}{new_user="true"}) / sum(${usage})`,
} as const;

export type KpiName = keyof typeof KPI_QUERIES;

/**
 * What the workload implies, per run of it (counts scale with runs, ratios and quantiles do not).
 * Derivations: 200 journeys, depth by index mod 10 → 200 cart views, 40 confirmed (rate 0.2).
 * 40 orders cycle regions (eu, us, apac) and values (1500, 2500, 4000, 7500, 12000): eu 78 500,
 * us 73 500, apac 68 000 minor units; one refund of 2500 EUR in eu. Each category holds four of each
 * value: median rank 10 falls in bucket (2000, 5000] holding 8 above 4 → 2000 + 3000·6/8 = 4250.
 * Session durations: free 5× each of 20/45/100/200 s → p95 rank 19 in (120, 300] above 15 → 264;
 * premium 50/400/700/1000 s → rank 19 in (900, 1800] above 15 → 1620. Feature usage: 10 of 60 uses
 * are by new users → 1/6.
 */
export function expectedKpis(runs: number): Record<KpiName, Record<string, number>> {
  return {
    conversionRate: { '{}': 0.2 },
    revenueByRegion: {
      '{currency="EUR",region="eu"}': 78_500 * runs,
      '{currency="USD",region="us"}': 73_500 * runs,
      '{currency="USD",region="apac"}': 68_000 * runs,
    },
    netRevenueByRegion: {
      '{currency="EUR",region="eu"}': 76_000 * runs,
      '{currency="USD",region="us"}': 73_500 * runs,
      '{currency="USD",region="apac"}': 68_000 * runs,
    },
    medianOrderValue: { '{product_category="books"}': 4250, '{product_category="electronics"}': 4250 },
    p95SessionDuration: { '{user_tier="free"}': 264, '{user_tier="premium"}': 1620 },
    newUserFeatureShare: { '{}': 1 / 6 },
  };
}

/** Prometheus API vector result → `{labels}` → value, labels sorted by name. */
export function vectorToRecord(result: Array<{ metric: Record<string, string>; value: [number, string] }>) {
  const out: Record<string, number> = {};
  for (const { metric, value } of result) {
    const labels = Object.keys(metric)
      .filter((k) => k !== '__name__')
      .sort()
      .map((k) => `${k}="${metric[k]}"`)
      .join(',');
    out[`{${labels}}`] = Number(value[1]);
  }
  return out;
}

/** Restricts every catalog series selector of a query to one source, e.g. `job="bizmetrics"`. */
export function scoped(promql: string, matcher: string): string {
  return promql.replace(/\b((?:business|bizmetrics)_[a-z_]+)(\{)?/g, (_m, name: string, brace?: string) =>
    brace ? `${name}{${matcher},` : `${name}{${matcher}}`,
  );
}
