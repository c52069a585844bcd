import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';

/** Options for {@link withFailureLog}. */
export interface FailureLogOptions {
  /** Where the export goes, for the messages. */
  readonly target: string;
  readonly log: (message: string) => void;
  /** Least time between two "still failing" lines (default 60 s). */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

/**
 * Wraps a push exporter so that a failing backend is reported without flooding the host's logs:
 * the first failure at once, then one line per interval with the count, and the recovery once.
 * The wrapped exporter holds no data of its own: with cumulative temporality the next successful
 * export carries exact totals, so nothing grows while the backend is down.
 */
export function withFailureLog(inner: PushMetricExporter, options: FailureLogOptions): PushMetricExporter {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 60_000;
  let failingSince: number | undefined;
  let failures = 0;
  let lastLogged = 0;
  const safeLog = (message: string) => {
    try {
      options.log(message);
    } catch {
      // never let logging break an export
    }
  };
  const onResult = (result: ExportResult) => {
    if (result.code === ExportResultCode.SUCCESS) {
      if (failingSince !== undefined)
        safeLog(`bizmetrics: export to ${options.target} recovered after ${failures} failed attempts`);
      failingSince = undefined;
      failures = 0;
      return;
    }
    failures++;
    const t = now();
    const reason = result.error?.message ?? 'unknown error';
    if (failingSince === undefined) {
      failingSince = t;
      lastLogged = t;
      safeLog(`bizmetrics: export to ${options.target} failing: ${reason}`);
    } else if (t - lastLogged >= intervalMs) {
      lastLogged = t;
      const since = new Date(failingSince).toISOString();
      safeLog(
        `bizmetrics: export to ${options.target} still failing: ${reason}; ${failures} failures since ${since}`,
      );
    }
  };
  const wrapped: PushMetricExporter = {
    export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void) {
      inner.export(metrics, (result) => {
        onResult(result);
        resultCallback(result);
      });
    },
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
  };
  if (inner.selectAggregationTemporality)
    wrapped.selectAggregationTemporality = inner.selectAggregationTemporality.bind(inner);
  if (inner.selectAggregation) wrapped.selectAggregation = inner.selectAggregation.bind(inner);
  return wrapped;
}
