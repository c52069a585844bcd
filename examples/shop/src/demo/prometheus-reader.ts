import { standardCatalog as c, promName } from '@bizmetrics/core';
import { currencyExponent } from '@bizmetrics/core/catalog';
import { promBucket, promCount } from '@bizmetrics/core/prometheus';
import { queryInstant } from '@bizmetrics/local-stack';
import type { VectorSample } from '@bizmetrics/local-stack/support';
import { shopCatalog } from '../shop/catalog.ts';
import type { KpiReader, KpiSnapshot } from './kpi-snapshot.ts';

const steps = promName(c.funnelSteps);
const step = (s: string) => `sum(rate(${steps}{funnel="checkout",step="${s}"}[1m]))`;
const QUERIES = {
  conversion: `${step('confirmed')} / (${step('cart_view')} > 0)`,
  abandonment: `sum(rate(${promName(c.funnelAbandonments)}{funnel="checkout"}[1m])) / (${step('cart_view')} > 0)`,
  carts: `${step('cart_view')} * 60`,
  orders: `sum(rate(${promCount(c.orderValue)}[1m])) * 60`,
  paymentFailures: `sum(rate(${promName(shopCatalog.paymentFailures)}[1m])) * 60`,
  revenue: `sum by (region, currency) (rate(${promName(c.revenue)}[1m])) * 60`,
  active: `sum(${promName(shopCatalog.activeSessions)})`,
  newUserUses: `sum(rate(${promName(c.featureUsage)}{new_user="true"}[1m])) * 60`,
  quantile: (q: number) =>
    `histogram_quantile(${q}, sum by (le, currency) (rate(${promBucket(c.orderValue)}[1m])))`,
};

/** KPIs over the last minute from Prometheus queries (the same PromQL a dashboard would run). */
export function createPrometheusReader(prometheusUrl: string): KpiReader {
  const q = (promql: string) => queryInstant(prometheusUrl, promql);
  const scalar = (r: VectorSample[]) => {
    const v = r[0] ? Number(r[0].value[1]) : Number.NaN;
    return Number.isFinite(v) ? v : undefined;
  };
  const major = (currency: string) => 10 ** (currencyExponent(currency) ?? 2);
  return {
    async read(): Promise<KpiSnapshot> {
      const [conversion, abandonment, carts, orders, failures, revenue, active, newUser, p50, p90, p99] =
        await Promise.all([
          q(QUERIES.conversion),
          q(QUERIES.abandonment),
          q(QUERIES.carts),
          q(QUERIES.orders),
          q(QUERIES.paymentFailures),
          q(QUERIES.revenue),
          q(QUERIES.active),
          q(QUERIES.newUserUses),
          q(QUERIES.quantile(0.5)),
          q(QUERIES.quantile(0.9)),
          q(QUERIES.quantile(0.99)),
        ]);
      const byCurrency = (r: VectorSample[], currency: string) =>
        Number(r.find((s) => s.metric['currency'] === currency)?.value[1] ?? Number.NaN) / major(currency);
      return {
        source: 'prometheus',
        conversion: scalar(conversion),
        abandonment: scalar(abandonment),
        cartViewsPerMinute: scalar(carts),
        ordersPerMinute: scalar(orders),
        paymentFailuresPerMinute: scalar(failures),
        revenuePerMinute: revenue.map((s) => ({
          region: s.metric['region'] ?? '',
          currency: s.metric['currency'] ?? '',
          perMinute: Number(s.value[1]) / major(s.metric['currency'] ?? ''),
        })),
        orderValue: p50
          .map((s) => s.metric['currency'] ?? '')
          .map((currency) => ({
            currency,
            p50: byCurrency(p50, currency),
            p90: byCurrency(p90, currency),
            p99: byCurrency(p99, currency),
          }))
          .filter((o) => Number.isFinite(o.p50)),
        activeSessions: scalar(active),
        newUserFeatureUsesPerMinute: scalar(newUser),
      };
    },
  };
}
