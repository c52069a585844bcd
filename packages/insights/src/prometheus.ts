// `@bizmetrics/insights/prometheus`: the Prometheus client's query and auth types, durations and error kinds.

export type { PrometheusAuth, RangeQuery, ResultSeries } from './prometheus/client.ts';
export { formatDuration, parseDuration } from './prometheus/duration.ts';
export type { PrometheusErrorKind } from './prometheus/errors.ts';
