// `@bizmetrics/insights/analysis`: the correlation pipeline's parts: alignment, cleaning, lag scan, verdicts, seasonality.

export { type Aligned, alignSeries } from './align/align.ts';
export { cleanSeries } from './align/clean.ts';
export type { CleanSeries, Gap, Point, Series, SeriesQuality } from './align/series.ts';
export {
  type Adjustment,
  type Association,
  type CorrelateOptions,
  type CorrelationAnalysis,
  correlateSeries,
  type MetricInput,
  type ReportedMetric,
} from './analysis/correlate.ts';
export type { MetricQuery } from './analysis/correlate-prometheus.ts';
export { correlateRequest } from './analysis/correlate-request.ts';
export { type CorrelationFigure, type LagEvidence, lagEvidence } from './analysis/lag-evidence.ts';
export { type LagPoint, type LagScan, scanLags } from './analysis/lag-scan.ts';
export { formatChange, formatValue, type MetricUnit } from './analysis/units.ts';
export type { Verdict, VerdictKind } from './analysis/verdict.ts';
export { type Deseasonalized, deseasonalize } from './seasonal/deseasonalize.ts';
export { chooseSeason, type Season, type SeasonChoice } from './seasonal/season.ts';
