import { promName, standardCatalog } from '@bizmetrics/core';
import type { MetricUnit } from '../analysis/units.ts';

/** A named PromQL query that yields one series, with the unit its values are in. */
export interface KpiQuery {
  readonly name: string;
  readonly query: string;
  readonly unit: MetricUnit;
  /** Default technical change to state the impact for (technical KPIs). */
  readonly per?: number;
}

/**
 * Latency and errors of the OTel HTTP server histogram `http.server.request.duration` (unit s),
 * whose Prometheus name carries `_seconds` on the Collector and OTLP paths; a service exporting it
 * through the in-process Prometheus exporter must name it `http.server.request.duration.seconds`
 * to get the same series name (contract 1).
 */
const HTTP_DURATION = 'http_server_request_duration_seconds';
/** OTel's `db.client.operation.duration` (unit s), named with its unit word in the example shop for the same reason. */
const DB_DURATION = 'db_client_operation_duration_seconds';
/** The example shop's cache counter (`shop.cache.lookups`, attribute `cache_result` hit|miss): OTel has no cache convention yet. */
const CACHE_LOOKUPS = 'shop_cache_lookups_total';
const ratioOf = (status: string) =>
  `sum(rate(${HTTP_DURATION}_count{http_response_status_code=~"${status}"}[5m])) / (sum(rate(${HTTP_DURATION}_count[5m])) > 0)`;
const steps = promName(standardCatalog.funnelSteps);
const abandonments = promName(standardCatalog.funnelAbandonments);

/** Technical KPIs by name (`--technical-kpi`). */
export const technicalKpis = {
  p99_latency: {
    name: 'p99 request latency',
    query: `histogram_quantile(0.99, sum by (le) (rate(${HTTP_DURATION}_bucket[5m])))`,
    unit: 'seconds',
    per: 0.1,
  },
  p95_latency: {
    name: 'p95 request latency',
    query: `histogram_quantile(0.95, sum by (le) (rate(${HTTP_DURATION}_bucket[5m])))`,
    unit: 'seconds',
    per: 0.1,
  },
  error_ratio: { name: 'HTTP 5xx ratio', query: ratioOf('5..'), unit: 'ratio', per: 0.01 },
  client_error_ratio: { name: 'HTTP 4xx ratio', query: ratioOf('4..'), unit: 'ratio', per: 0.01 },
  db_p99_latency: {
    name: 'p99 database operation latency',
    query: `histogram_quantile(0.99, sum by (le) (rate(${DB_DURATION}_bucket[5m])))`,
    unit: 'seconds',
    per: 0.01,
  },
  cache_hit_ratio: {
    name: 'product cache hit ratio',
    query: `sum(rate(${CACHE_LOOKUPS}{cache_result="hit"}[5m])) / (sum(rate(${CACHE_LOOKUPS}[5m])) > 0)`,
    unit: 'ratio',
    per: 0.1,
  },
} as const satisfies Record<string, KpiQuery>;

/** Business KPIs by name (`--business-kpi`), built on the catalog's Prometheus names. */
export const businessKpis = {
  checkout_conversion: {
    name: 'checkout conversion',
    query: `sum(rate(${steps}{funnel="checkout",step="confirmed"}[5m])) / (sum(rate(${steps}{funnel="checkout",step="cart_view"}[5m])) > 0)`,
    unit: 'ratio',
  },
  checkout_abandonment: {
    name: 'checkout abandonment',
    query: `sum(rate(${abandonments}{funnel="checkout"}[5m])) / (sum(rate(${steps}{funnel="checkout",step="cart_view"}[5m])) > 0)`,
    unit: 'ratio',
  },
  purchases_per_minute: {
    name: 'purchases per minute',
    query: `60 * sum(rate(${promName(standardCatalog.conversions)}{type="purchase"}[5m]))`,
    unit: 'purchases/min',
  },
} as const satisfies Record<string, KpiQuery>;
