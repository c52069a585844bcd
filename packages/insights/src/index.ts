export type { CorrelationReport } from './analysis/correlate.ts';
export { type CorrelatePrometheusOptions, correlatePrometheus } from './analysis/correlate-prometheus.ts';
export { costRequest } from './config/cost-request.ts';
export { correlationPresets } from './config/presets.ts';
export { type CorrelateRequest, loadCorrelateRequest } from './config/request.ts';
export { type CostReport, estimateIncidentCost, type IncidentCostOptions } from './cost/incident-cost.ts';
export {
  createPrometheusClient,
  type PrometheusClient,
  type PrometheusClientOptions,
} from './prometheus/client.ts';
export { PrometheusError } from './prometheus/errors.ts';
export { renderCostHtml, renderCostText } from './report/cost.ts';
export { renderHtml } from './report/html.ts';
export { renderJson } from './report/json.ts';
export { renderText } from './report/text.ts';
export { explainUxScore } from './ux/explain-score.ts';
