import { ignoreErrors } from '@bizmetrics/core/api';
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
  const safeLog = (message: string) => ignoreErrors(() => options.log(message));
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
    ignoreErrors(() => options.onFailure?.());
    const t = now();
    failingSince ??= t;
    if (failures === 1 || t - lastLogged >= intervalMs) {
      lastLogged = t;
      const reason = describeExportError(result.error);
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

/**
 * One line saying why an export failed, for people reading the host's logs: the HTTP status of a
 * refused OTLP/HTTP request (the exporter's error carries it apart from its message), OpenSSL's
 * multi-line reports cut to their reason, Node's error code, and for the usual causes — a refused
 * token, an untrusted server certificate, a missing client certificate — which setting to look at.
 */
export function describeExportError(error: unknown): string {
  if (!(error instanceof Error)) return error === undefined ? 'unknown error' : String(error);
  const e = error as Error & { code?: unknown };
  let text =
    e.name === 'OTLPExporterError' && typeof e.code === 'number'
      ? `HTTP ${e.code}${e.message ? ` ${e.message}` : ''}`
      : e.message || e.name;
  text = text
    // "40CD…:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../ssl/record/rec_layer_s3.c:918:SSL alert number 116"
    .replace(
      /\b[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):[^:\s]*:\d+:(?:SSL alert number \d+)?/g,
      '$1',
    )
    .replace(/\s*Resolution note:\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (typeof e.code === 'string' && !text.includes(e.code)) text += ` (${e.code})`;
  const hint = HINTS.find(([pattern]) => pattern.test(text))?.[1];
  return hint ? `${text} — ${hint}` : text;
}

const HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /^HTTP 40[13]\b|\b(16 UNAUTHENTICATED|7 PERMISSION_DENIED)\b/,
    'the endpoint refused the credentials: check the Authorization header in OTEL_EXPORTER_OTLP_HEADERS',
  ],
  [
    /certificate required|bad certificate|unknown ca|certificate unknown|ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA)/i,
    'the server requires a client certificate it trusts: OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE and OTEL_EXPORTER_OTLP_CLIENT_KEY',
  ],
  [/altnames|ERR_TLS_CERT_ALTNAME_INVALID/i, "the server's certificate does not name the endpoint's host"],
  [
    /unable to verify|self[- ]signed certificate|unable to get (local )?issuer|certificate has expired|CERT_HAS_EXPIRED/i,
    "the server's certificate is not trusted: OTEL_EXPORTER_OTLP_CERTIFICATE names the CA file that signed it",
  ],
];
