export { type Aligned, alignSeries } from './align/align.ts';
export { cleanSeries } from './align/clean.ts';
export type { CleanSeries, Gap, Point, Series, SeriesQuality } from './align/series.ts';
export {
  type Adjustment,
  type Association,
  type CorrelateOptions,
  type CorrelationAnalysis,
  type CorrelationReport,
  correlateSeries,
  type MetricInput,
  type ReportedMetric,
} from './analysis/correlate.ts';
export {
  type CorrelatePrometheusOptions,
  correlatePrometheus,
  type MetricQuery,
} from './analysis/correlate-prometheus.ts';
export { correlateRequest } from './analysis/correlate-request.ts';
export { type CorrelationFigure, type LagEvidence, lagEvidence } from './analysis/lag-evidence.ts';
export { type LagPoint, type LagScan, scanLags } from './analysis/lag-scan.ts';
export { formatChange, formatValue, type MetricUnit } from './analysis/units.ts';
export type { Verdict, VerdictKind } from './analysis/verdict.ts';
export { type CostRequest, costRequest } from './config/cost-request.ts';
export { CORRELATE_DEFAULTS } from './config/defaults.ts';
export { businessKpis, type KpiQuery, technicalKpis } from './config/kpis.ts';
export { type CorrelationPreset, correlationPresets, DEFAULT_PRESET } from './config/presets.ts';
export {
  type CorrelateRequest,
  CorrelateRequestError,
  loadCorrelateRequest,
  type MetricChoice,
  type ResolvedRequest,
  resolveCorrelateRequest,
} from './config/request.ts';
export { type CostMetric, defaultCostMetrics } from './cost/cost-metrics.ts';
export { seasonalExpectation } from './cost/counterfactual.ts';
export {
  amount,
  type CostAnalysis,
  type CostLine,
  type CostReport,
  estimateIncidentCost,
  type IncidentCostOptions,
} from './cost/incident-cost.ts';
export { findAlertWindow, type IncidentWindow } from './cost/incident-window.ts';
export {
  createPrometheusClient,
  type PrometheusAuth,
  type PrometheusClient,
  type PrometheusClientOptions,
  type RangeQuery,
  type ResultSeries,
} from './prometheus/client.ts';
export { formatDuration, parseDuration } from './prometheus/duration.ts';
export { PrometheusError, type PrometheusErrorKind } from './prometheus/errors.ts';
export { renderCostHtml, renderCostPanel, renderCostText } from './report/cost.ts';
export { renderHtml } from './report/html.ts';
export { renderJson } from './report/json.ts';
export { renderText } from './report/text.ts';
export { type Deseasonalized, deseasonalize } from './seasonal/deseasonalize.ts';
export { chooseSeason, type Season, type SeasonChoice } from './seasonal/season.ts';
export { type Autoregression, applyAutoregression, fitAutoregression } from './stats/autoregression.ts';
export { type Correlation, pearson, significance, spearman } from './stats/correlation.ts';
export { autocorrelations, type EffectiveSizeOptions, effectiveSampleSize } from './stats/effective-size.ts';
export { type LinearFit, type LinearFitOptions, linearFit } from './stats/regression.ts';
export { tQuantileAt, twoSidedP } from './stats/t-distribution.ts';
export {
  type ComponentChange,
  explainScoreChange,
  explainUxScore,
  type ScoreExplanation,
  type ScoreParts,
  UX_SERIES,
} from './ux/explain-score.ts';
