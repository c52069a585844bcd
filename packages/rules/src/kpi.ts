// `@bizmetrics/rules/kpi`: the KPI and alert building blocks' types and constants, for code that builds configs programmatically.

export type { LoadConfigOptions } from './config/load.ts';
export type {
  AlertCondition,
  AverageCondition,
  SeasonalCondition,
  ThresholdCondition,
  TrafficGuard,
} from './kpi/alert.ts';
export { COLLAPSE_FACTOR, type CollapseOptions } from './kpi/collapse.ts';
export { CHECKOUT_STEPS } from './kpi/default-config.ts';
export type {
  AlertableKpi,
  ComparisonKpi,
  KpiUnit,
  QuantileKpi,
  RateKpi,
  RatioKpi,
  ShareKpi,
} from './kpi/kpi.ts';
export type { Select, Where } from './kpi/select.ts';
export { durationSeconds } from './kpi/window.ts';
