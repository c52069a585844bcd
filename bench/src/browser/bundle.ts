import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from '../report/row.ts';

/** What the browser package's size script reports for one bundle. */
interface BundleSize {
  readonly minified: number;
  readonly gzipped: number;
}

/** The browser package's own size script (esbuild, minified, gzip -9); its absence is a row too. */
const SIZE_SCRIPT = '../../../packages/browser/scripts/bundle-size.ts';
/** Where the raw OTel entry resolves its packages: the Node SDK depends on both, pinned. */
const OTEL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages', 'sdk');
/** What a page needs to send metrics with raw OpenTelemetry. */
const RAW_OTEL = [
  "export { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';",
  "export { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';",
].join('\n');

/** Gzipped and minified bundle bytes: the browser SDK against raw OTel metrics + OTLP exporter. */
export async function browserRows(): Promise<Row[]> {
  let ours: BundleSize;
  let raw: BundleSize;
  try {
    const script = (await import(SIZE_SCRIPT)) as {
      ENTRIES: { sdk: string };
      measure(name: string, source: string, resolveDir?: string): Promise<BundleSize>;
    };
    // The same esbuild settings for both; the browser package no longer depends on OTel.
    [ours, raw] = await Promise.all([
      script.measure('sdk', script.ENTRIES.sdk),
      script.measure('raw-otel', RAW_OTEL, OTEL_DIR),
    ]);
  } catch (error) {
    return [
      {
        section: 'browser',
        name: 'bundle, gzip -9',
        unit: 'bytes',
        note: `bundle failed (${String(error).slice(0, 60)})`,
      },
    ];
  }
  const note =
    'the complete browser SDK (web vitals included) against raw OTel sdk-metrics + exporter-metrics-otlp-http; prom-client is not for browsers';
  return [
    {
      section: 'browser',
      name: 'bundle, gzip -9',
      unit: 'bytes',
      biz: ours.gzipped,
      otel: raw.gzipped,
      note,
    },
    {
      section: 'browser',
      name: 'bundle, minified',
      unit: 'bytes',
      biz: ours.minified,
      otel: raw.minified,
      note,
    },
  ];
}
