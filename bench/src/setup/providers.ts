import { type BizMetrics, type Catalog, createBizMetrics, type MetricDef } from '@bizmetrics/core';
import { startBizMetrics } from '@bizmetrics/sdk';
import type { Meter } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider, type ViewOptions } from '@opentelemetry/sdk-metrics';

/** A MeterProvider with one pull reader. */
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

/** The business API as `@bizmetrics/sdk` builds it, reading through one Prometheus reader. */
export interface BizSetup extends OtelSetup {
  readonly biz: BizMetrics;
}

/**
 * `startBizMetrics` in production mode, diagnostics muted, no exporter of its own and the bench's
 * Prometheus reader as its one reader: the SDK's provider, catalog views and core's own
 * aggregation exported through a producer on that reader, which is what a service runs.
 */
export function createBizSetup(
  catalogs: readonly Catalog[],
  options: { readonly instruments?: boolean } = {},
): BizSetup {
  const reader = new PrometheusExporter({ preventServerStart: true });
  const catalog: Record<string, MetricDef> = {};
  for (const c of catalogs) for (const def of Object.values(c) as MetricDef[]) catalog[def.name] = def;
  const biz = startBizMetrics({
    env: {},
    exporters: ['none'],
    readers: [reader],
    catalog,
    handleSignals: false,
    mode: 'production',
    log: () => {},
  });
  const provider = biz.meterProvider as MeterProvider;
  const meter = provider.getMeter('bench');
  // For profiles only: the business API on OTel instruments (a meter the SDK did not mark), as
  // before core owned its aggregation.
  if (options.instruments)
    return { provider, meter, reader, biz: createBizMetrics({ meter, mode: 'production', log: () => {} }) };
  return { provider, meter, reader, biz };
}
