import {
  AggregationTemporalityPreference,
  OTLPMetricExporter,
} from '@opentelemetry/exporter-metrics-otlp-http';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';

/** Options for {@link createDeltaExporter}. */
export interface DeltaExporterOptions {
  /** Gateway URL that receives OTLP/HTTP JSON, e.g. `/v1/metrics` or `https://metrics.example.com/v1/metrics`. */
  readonly url: string;
  /** Extra request headers; each one that is not CORS-safelisted costs a preflight. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Give up on one request after this long (default 10 000 ms). */
  readonly timeoutMs: number;
}

/**
 * OpenTelemetry's browser OTLP/HTTP JSON exporter with delta temporality. In 0.301 it sends with
 * `fetch`, `keepalive` while the page's pending keepalive bodies stay under 60 KiB and 9 requests,
 * and retries 429/502/503/504 and network errors up to five times; we keep it rather than a
 * hand-written transport, and add the flush on page hide and the retry queue around it.
 */
export function createDeltaExporter(options: DeltaExporterOptions): PushMetricExporter {
  return new OTLPMetricExporter({
    url: resolveUrl(options.url),
    headers: { ...options.headers },
    timeoutMillis: options.timeoutMs,
    temporalityPreference: AggregationTemporalityPreference.DELTA,
  });
}

/** The exporter parses the URL with `new URL()`, so a path such as `/v1/metrics` needs the page origin. */
function resolveUrl(url: string): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  return base ? new URL(url, base).href : url;
}
