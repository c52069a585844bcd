export {
  type ActiveUsersReading,
  type BizMetrics,
  type BizMetricsOptions,
  type ConversionInput,
  createBizMetrics,
  type MoneyInput,
  type SessionEndInput,
} from './api/biz-metrics.ts';
export type { Funnel, FunnelOptions, Journey } from './api/funnel.ts';
export { defineMetric, MetricDefinitionError } from './catalog/define.ts';
export type { CounterDef, Labels, MetricDef } from './catalog/metric.ts';
export { type Catalog, standardCatalog } from './catalog/standard.ts';
export { OTHER } from './guards/labels.ts';
export { BizMetricsInputError } from './guards/reasons.ts';
export { promName } from './naming/prom-name.ts';
