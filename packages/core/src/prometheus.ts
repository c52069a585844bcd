// `@bizmetrics/core/prometheus`: the Prometheus series names of a metric on every export path (contract 1): buckets, sums, counts, labels.

export { promBucket, promCount, promLabel, promSeriesNames, promSum, promType } from './naming/prom-name.ts';
