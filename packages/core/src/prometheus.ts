// `@bizmetrics/core/prometheus`: the Prometheus series names of a metric on every export path
// (contract 1) — buckets, sums, counts, labels — and Prometheus durations (`5m`, `1h30m`, `7d`).

export { formatDuration, parseDuration } from './naming/duration.ts';
export { promBucket, promCount, promLabel, promSeriesNames, promSum, promType } from './naming/prom-name.ts';
