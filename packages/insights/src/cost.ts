// `@bizmetrics/insights/cost`: the parts of incident-cost estimation: cost metrics, counterfactuals, alert windows, report panels.

export { type CostMetric, defaultCostMetrics } from './cost/cost-metrics.ts';
export { seasonalExpectation } from './cost/counterfactual.ts';
export { amount, type CostAnalysis, type CostLine } from './cost/incident-cost.ts';
export { findAlertWindow, type IncidentWindow } from './cost/incident-window.ts';
export { renderCostPanel } from './report/cost.ts';
