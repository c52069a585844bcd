import { type BizMetrics, type Catalog, createBizMetrics, type MetricDef } from '@bizmetrics/core';
import type { Meter } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider, type ViewOptions } from '@opentelemetry/sdk-metrics';

/** A MeterProvider with one pull reader, the way `@bizmetrics/sdk` builds it for Prometheus. */
export interface OtelSetup {
  readonly provider: MeterProvider;
  readonly meter: Meter;
  /** The Prometheus exporter as a reader that never listens: `collect()` reads every series. */
  readonly reader: PrometheusExporter;
}

/** Raw OTel: a provider and meter, optionally with per-instrument cardinality limits (views). */
export function createOtelSetup(limits: Readonly<Record<string, number>> = {}): OtelSetup {
  const reader = new PrometheusExporter({ preventServerStart: true });
  const views: ViewOptions[] = Object.entries(limits).map(([instrumentName, limit]) => ({
    instrumentName,
    aggregationCardinalityLimit: limit,
  }));
  const provider = new MeterProvider({ readers: [reader], views });
  return { provider, meter: provider.getMeter('bench'), reader };
}

/** Room the SDK leaves above a metric's series limit (see `@bizmetrics/sdk` views). */
const SDK_CARDINALITY_MARGIN = 10;

/** The business API on sdk-metrics, with the SDK's per-metric cardinality views. */
export interface BizSetup extends OtelSetup {
  readonly biz: BizMetrics;
}

/** Core's `createBizMetrics` on an sdk-metrics provider in production mode, diagnostics muted. */
export function createBizSetup(catalogs: readonly Catalog[]): BizSetup {
  const limits: Record<string, number> = {};
  for (const catalog of catalogs)
    for (const def of Object.values(catalog) as MetricDef[])
      limits[def.name] = def.seriesLimit + SDK_CARDINALITY_MARGIN;
  const otel = createOtelSetup(limits);
  const biz = createBizMetrics({ meter: otel.meter, mode: 'production', log: () => {} });
  return { ...otel, biz };
}
