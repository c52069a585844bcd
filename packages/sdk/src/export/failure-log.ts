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
  /** Called once per failed export (the SDK counts them in `bizmetrics_export_failures_total`). */
  readonly onFailure?: () => void;
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
  const safeLog = (message: string) => safeCall(() => options.log(message));
  const since = () => new Date(failingSince ?? now()).toISOString();
  const onResult = (result: ExportResult) => {
    if (result.code === ExportResultCode.SUCCESS) {
      if (failingSince !== undefined)
        safeLog(`bizmetrics: export to ${options.target} recovered; ${failures} failures since ${since()}`);
      failingSince = undefined;
      failures = 0;
      return;
    }
    failures++;
    safeCall(options.onFailure);
    const t = now();
    failingSince ??= t;
    if (failures === 1 || t - lastLogged >= intervalMs) {
      lastLogged = t;
      const reason = result.error?.message ?? 'unknown error';
      safeLog(
        `bizmetrics: export to ${options.target} failing: ${reason}; ${failures} failures since ${since()}`,
      );
    }
  };
  const wrapped: PushMetricExporter = {
    export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void) {
      const done = (result: ExportResult) => {
        onResult(result);
        resultCallback(result);
      };
      try {
        inner.export(metrics, done);
      } catch (error) {
        done({
          code: ExportResultCode.FAILED,
          error: error instanceof Error ? error : new Error(String(error)),
        });
      }
    },
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
  };
  if (inner.selectAggregationTemporality)
    wrapped.selectAggregationTemporality = inner.selectAggregationTemporality.bind(inner);
  if (inner.selectAggregation) wrapped.selectAggregation = inner.selectAggregation.bind(inner);
  return wrapped;
}

/** Runs a diagnostic side effect; never lets it break an export. */
function safeCall(fn: (() => void) | undefined): void {
  try {
    fn?.();
  } catch {
    // ignore
  }
}
