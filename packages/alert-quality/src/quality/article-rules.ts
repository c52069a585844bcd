import { standardCatalog as c, promName } from '@bizmetrics/core';
import { promCount } from '@bizmetrics/core/prometheus';

/** An alert as a raw expression with its `for`, evaluated over history by the benchmark. */
export interface BenchAlert {
  readonly name: string;
  readonly expr: string;
  readonly forSeconds: number;
  /** Pages on-call (the rest are tickets). */
  readonly page: boolean;
}

const steps = promName(c.funnelSteps);
const step = (s: string) => `${steps}{funnel="checkout", step="${s}"}`;
const revenue = promName(c.revenue);
const usage = `${promName(c.featureUsage)}{new_user="true"}`;

/**
 * The article's four alerts, translated to our catalog names (checkout_confirmed → funnel step
 * `confirmed`, cart_views → step `cart_view`, revenue → business_revenue_minor_total, new-user
 * feature usage → business_feature_usage_total{new_user="true"}); thresholds, windows and `for`
 * kept as the article wrote them. Like the article, revenue is summed across currencies. The
 * article gave no severities: all count as pages.
 */
export const ARTICLE_ALERTS: readonly BenchAlert[] = [
  {
    name: 'ConversionRateDrop',
    expr: `(sum(rate(${step('confirmed')}[1h])) / sum(rate(${step('cart_view')}[1h]))) < 0.02`,
    forSeconds: 15 * 60,
    page: true,
  },
  {
    name: 'RevenueBelowBaseline',
    expr: `sum(increase(${revenue}[1h])) < 0.7 * avg_over_time(sum(increase(${revenue}[1h]))[7d:1h])`,
    forSeconds: 30 * 60,
    page: true,
  },
  {
    name: 'HighCartAbandonment',
    expr: `(sum(rate(${promName(c.funnelAbandonments)}{funnel="checkout"}[1h])) / sum(rate(${step('cart_view')}[1h]))) > 0.75`,
    forSeconds: 30 * 60,
    page: true,
  },
  {
    name: 'NewUserEngagementDrop',
    expr: `sum(rate(${usage}[1h])) < 0.5 * avg_over_time(sum(rate(${usage}[1h]))[7d:1h])`,
    forSeconds: 60 * 60,
    page: true,
  },
];

/** Series the histogram guard reads; listed so a catalog rename breaks the benchmark at compile time. */
export const ORDER_COUNT = promCount(c.orderValue);
