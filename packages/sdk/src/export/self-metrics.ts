import { defineMetric } from '@bizmetrics/core';

/** The SDK's own health metrics, next to core's guard counters. */
export const sdkSelfCatalog = {
  exportFailures: defineMetric({
    kind: 'counter',
    name: 'bizmetrics.export.failures',
    unit: '{export}',
    description:
      'Push exports that failed (backend down, timeout, refused); the data is not lost with cumulative temporality.',
    owner: 'platform',
    labels: { exporter: { values: ['otlp'] } },
    seriesLimit: 10,
  }),
} as const;
