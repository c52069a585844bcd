import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';

/** Options for {@link createRetryQueueExporter}. */
export interface RetryQueueOptions {
  /** Most failed batches kept for the next export; the oldest is dropped beyond (default 8). */
  readonly maxBatches: number;
  /** Export attempts per batch, the first included (default 3): a batch the gateway refuses as
   * invalid (400) will never pass, so it must not circle in the queue forever. */
  readonly maxAttempts?: number;
  /** Told how many batches were dropped (queue full or attempts used up). */
  readonly onDrop?: (dropped: number) => void;
}

interface Pending {
  readonly batch: ResourceMetrics;
  /** Export attempts made so far. */
  readonly attempts: number;
}

/** True when a batch holds at least one data point. */
export function hasDataPoints(metrics: ResourceMetrics): boolean {
  return metrics.scopeMetrics.some((s) => s.metrics.some((m) => m.dataPoints.length > 0));
}

/**
 * Wraps an exporter so that delta batches survive failures: a batch whose export failed (after the
 * inner exporter's own retries) is kept in a bounded queue and sent again before the next batch, up
 * to `maxAttempts` times.
 * Deltas are never re-collected by the SDK, so without this a failed export loses them for good.
 * Empty batches are not sent at all: an idle tab makes no requests.
 */
export function createRetryQueueExporter(
  inner: PushMetricExporter,
  options: RetryQueueOptions,
): PushMetricExporter {
  const queue: Pending[] = [];
  const maxAttempts = options.maxAttempts ?? 3;

  const requeue = (pending: Pending) => {
    if (pending.attempts >= maxAttempts) return options.onDrop?.(1);
    queue.push(pending);
    const excess = queue.length - options.maxBatches;
    if (excess > 0) {
      queue.splice(0, excess);
      options.onDrop?.(excess);
    }
  };

  const send = (pending: Pending) =>
    new Promise<void>((resolve) => {
      const attempt = { batch: pending.batch, attempts: pending.attempts + 1 };
      try {
        inner.export(pending.batch, (result) => {
          if (result.code !== ExportResultCode.SUCCESS) requeue(attempt);
          resolve();
        });
      } catch {
        requeue(attempt);
        resolve();
      }
    });

  return {
    export(metrics: ResourceMetrics, done: (result: ExportResult) => void) {
      const batches = queue.splice(0, queue.length);
      if (hasDataPoints(metrics)) batches.push({ batch: metrics, attempts: 0 });
      Promise.all(batches.map(send)).then(() => done({ code: ExportResultCode.SUCCESS }));
    },
    // The reader skips export() when nothing new was recorded, so a flush (page hidden) re-sends
    // what is queued here.
    forceFlush: async () => {
      await Promise.all(queue.splice(0, queue.length).map(send));
      await inner.forceFlush();
    },
    shutdown: () => inner.shutdown(),
    selectAggregationTemporality: inner.selectAggregationTemporality?.bind(inner),
    selectAggregation: inner.selectAggregation?.bind(inner),
  };
}
