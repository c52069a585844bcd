import type { Catalog } from '@bizmetrics/core';
import type { ViewOptions } from '@opentelemetry/sdk-metrics';

/**
 * One view per catalog metric: a cardinality limit just above the metric's series limit. Core
 * already folds label sets beyond the limit into one all-`other` set; the SDK's own limit is the
 * second line of defence for instruments created outside the catalog API.
 */
export function catalogViews(catalogs: readonly Catalog[]): ViewOptions[] {
  const views: ViewOptions[] = [];
  for (const catalog of catalogs)
    for (const def of Object.values(catalog))
      views.push({ instrumentName: def.name, aggregationCardinalityLimit: def.seriesLimit + 10 });
  return views;
}
