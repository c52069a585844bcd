// `@bizmetrics/insights/config`: correlate and cost requests, their defaults, presets and KPI queries.

export type { CostRequest } from './config/cost-request.ts';
export { CORRELATE_DEFAULTS } from './config/defaults.ts';
export { businessKpis, type KpiQuery, technicalKpis } from './config/kpis.ts';
export { type CorrelationPreset, DEFAULT_PRESET } from './config/presets.ts';
export {
  CorrelateRequestError,
  type MetricChoice,
  type ResolvedRequest,
  resolveCorrelateRequest,
} from './config/request.ts';
