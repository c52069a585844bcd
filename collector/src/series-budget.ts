import type { MetricDef } from '@bizmetrics/core';

/**
 * Most Prometheus series one writer (a service instance or a browser-gateway replica) can produce for
 * a metric: its series limit, times buckets + `+Inf` + `_sum` + `_count` for a histogram, plus the
 * one all-`other` overflow set. Writers add up: N replicas can produce N times this.
 */
export function seriesBudget(metric: Pick<MetricDef, 'kind' | 'seriesLimit' | 'buckets'>): number {
  const perLabelSet = metric.kind === 'histogram' ? (metric.buckets?.length ?? 0) + 3 : 1;
  return (metric.seriesLimit + 1) * perLabelSet;
}

/** The summed budget of several metrics, per writer. */
export function totalSeriesBudget(
  metrics: readonly Pick<MetricDef, 'kind' | 'seriesLimit' | 'buckets'>[],
): number {
  return metrics.reduce((sum, m) => sum + seriesBudget(m), 0);
}

if (import.meta.main) {
  const { standardCatalog } = await import('@bizmetrics/core');
  const s = standardCatalog;
  const browser = [s.funnelSteps, s.featureUsage, s.milestones, s.sessionsStarted, s.sessionDuration];
  console.log(`standard catalog, per service instance: ${totalSeriesBudget(Object.values(s))}`);
  console.log(`browser engagement metrics, per gateway replica: ${totalSeriesBudget(browser)}`);
}
