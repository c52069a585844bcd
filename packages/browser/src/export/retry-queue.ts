import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';

/** Options for {@link createRetryQueueExporter}. */
export interface RetryQueueOptions {
  /** Most failed batches kept for the next export; the oldest is dropped beyond (default 8). */
  readonly maxBatches: number;
  /** Told how many batches were dropped because the queue was full. */
  readonly onDrop?: (dropped: number) => void;
}

/** True when a batch holds at least one data point. */
export function hasDataPoints(metrics: ResourceMetrics): boolean {
  return metrics.scopeMetrics.some((s) => s.metrics.some((m) => m.dataPoints.length > 0));
}

/**
 * Wraps an exporter so that delta batches survive failures: a batch whose export failed (after the
 * inner exporter's own retries) is kept in a bounded queue and sent again before the next batch.
 * Deltas are never re-collected by the SDK, so without this a failed export loses them for good.
 * Empty batches are not sent at all: an idle tab makes no requests.
 */
export function createRetryQueueExporter(
  inner: PushMetricExporter,
  options: RetryQueueOptions,
): PushMetricExporter {
  const queue: ResourceMetrics[] = [];

  const requeue = (batch: ResourceMetrics) => {
    queue.push(batch);
    const excess = queue.length - options.maxBatches;
    if (excess > 0) {
      queue.splice(0, excess);
      options.onDrop?.(excess);
    }
  };

  const send = (batch: ResourceMetrics) =>
    new Promise<void>((resolve) => {
      try {
        inner.export(batch, (result) => {
          if (result.code !== ExportResultCode.SUCCESS) requeue(batch);
          resolve();
        });
      } catch {
        requeue(batch);
        resolve();
      }
    });

  return {
    export(metrics: ResourceMetrics, done: (result: ExportResult) => void) {
      const batches = queue.splice(0, queue.length);
      if (hasDataPoints(metrics)) batches.push(metrics);
      Promise.all(batches.map(send)).then(() => done({ code: ExportResultCode.SUCCESS }));
    },
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
    selectAggregationTemporality: inner.selectAggregationTemporality?.bind(inner),
    selectAggregation: inner.selectAggregation?.bind(inner),
  };
}
