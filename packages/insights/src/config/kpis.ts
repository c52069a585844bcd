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
  error_ratio: {
    name: 'HTTP 5xx ratio',
    query: `sum(rate(${HTTP_DURATION}_count{http_response_status_code=~"5.."}[5m])) / (sum(rate(${HTTP_DURATION}_count[5m])) > 0)`,
    unit: 'ratio',
    per: 0.01,
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
