import { promName, standardCatalog } from '@bizmetrics/core';

/** A business counter whose loss an incident is costed in. */
export interface CostMetric {
  readonly key: string;
  readonly name: string;
  /** PromQL of cumulative counters (no rate): one series per group, e.g. `sum by (currency) (…_total)`. */
  readonly query: string;
  /** Label that names the groups (`currency`); none for one series. */
  readonly groupBy?: string;
  /** Unit word of the counts; money is in minor units of the group's currency. */
  readonly unit: string;
  readonly money?: boolean;
}

/** Orders, revenue per currency and conversions per type, from the standard catalog's counters. */
export const defaultCostMetrics: readonly CostMetric[] = [
  {
    key: 'orders',
    name: 'orders',
    query: `sum(${promName(standardCatalog.funnelSteps)}{funnel="checkout",step="confirmed"})`,
    unit: 'orders',
  },
  {
    key: 'revenue',
    name: 'revenue',
    query: `sum by (currency) (${promName(standardCatalog.revenue)})`,
    groupBy: 'currency',
    unit: 'minor units',
    money: true,
  },
  {
    key: 'conversions',
    name: 'conversions',
    query: `sum by (type) (${promName(standardCatalog.conversions)})`,
    groupBy: 'type',
    unit: 'conversions',
  },
];
