// `@bizmetrics/insights/prometheus`: the Prometheus client's query and auth types, durations and error kinds.

export { formatDuration, parseDuration } from '@bizmetrics/core/prometheus';
export type { PrometheusAuth, RangeQuery, ResultSeries } from './prometheus/client.ts';
export type { PrometheusErrorKind } from './prometheus/errors.ts';
