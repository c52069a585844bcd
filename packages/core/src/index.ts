export {
  createOwnedAggregation,
  type OwnedAggregation,
  type OwnedHistogram,
  type OwnedMetric,
  type OwnedSum,
  ownAggregationOf,
} from './api/aggregation.ts';
export {
  type ActiveUsersReading,
  type BizMetrics,
  type BizMetricsOptions,
  type ConversionInput,
  createBizMetrics,
  type MoneyInput,
  type SessionEndInput,
} from './api/biz-metrics.ts';
export type { Funnel, FunnelOptions, Journey, JourneyLabels } from './api/funnel.ts';
export type {
  CounterHandle,
  GaugeCallback,
  GaugeReading,
  HistogramHandle,
  UpDownHandle,
} from './api/instruments.ts';
export { currencyExponent, isCurrencyCode } from './catalog/currencies.ts';
export { defineMetric, FORBIDDEN_LABEL_KEYS, MetricDefinitionError, UNIT_WORDS } from './catalog/define.ts';
export type {
  CounterDef,
  GaugeDef,
  HistogramDef,
  LabelKeys,
  LabelSpec,
  Labels,
  LabelValue,
  MetricDef,
  MetricKind,
  MetricSpec,
  UpDownDef,
} from './catalog/metric.ts';
export {
  ACTIVE_USER_WINDOWS,
  type Catalog,
  DEVICE_TYPES,
  selfCatalog,
  standardCatalog,
  USER_TIERS,
} from './catalog/standard.ts';
export { OTHER } from './guards/labels.ts';
export { BizMetricsInputError, type GuardAction, type GuardReason } from './guards/reasons.ts';
export {
  promBucket,
  promCount,
  promLabel,
  promName,
  promSeriesNames,
  promSum,
  promType,
} from './naming/prom-name.ts';
