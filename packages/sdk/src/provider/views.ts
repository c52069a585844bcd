import type { Catalog } from '@bizmetrics/core';
import { AggregationType, type ViewOptions } from '@opentelemetry/sdk-metrics';

/**
 * Room above a metric's series limit. Core folds label sets beyond the limit into one all-`other`
 * set, so the SDK never needs more than limit + 1; the margin keeps the SDK's own limit out of the
 * way of core's and still bounds instruments created outside the catalog API.
 */
export const CARDINALITY_MARGIN = 10;

/**
 * One view per catalog metric: a cardinality limit just above the metric's series limit and, for
 * histograms, the catalog's bucket boundaries (whatever the exporter's default aggregation is).
 */
export function catalogViews(catalogs: readonly Catalog[]): ViewOptions[] {
  // Keyed by name: two views matching one instrument would export it twice.
  const views = new Map<string, ViewOptions>();
  for (const catalog of catalogs)
    for (const def of Object.values(catalog)) {
      const view: ViewOptions = {
        instrumentName: def.name,
        aggregationCardinalityLimit: def.seriesLimit + CARDINALITY_MARGIN,
      };
      views.set(
        def.name,
        def.kind === 'histogram' && def.buckets
          ? {
              ...view,
              aggregation: {
                type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM,
                options: { boundaries: [...def.buckets] },
              },
            }
          : view,
      );
    }
  return [...views.values()];
}
