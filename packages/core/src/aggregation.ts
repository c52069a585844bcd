// `@bizmetrics/core/aggregation`: core's own aggregation of sums and histograms, for an SDK that exports it (as @bizmetrics/sdk does).

export {
  createOwnedAggregation,
  type OwnedAggregation,
  type OwnedHistogram,
  type OwnedHistograms,
  type OwnedMetric,
  type OwnedSums,
  ownAggregationOf,
} from './api/aggregation.ts';
