import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
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

/**
 * The raw OTel bundle with the browser size script's settings (esbuild, ESM, minified,
 * tree-shaken, browser platform, es2022, gzip -9): the browser package no longer depends on OTel.
 */
async function rawOtelSize(): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: RAW_OTEL, resolveDir: OTEL_DIR, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

/** Gzipped and minified bundle bytes: the browser SDK against raw OTel metrics + OTLP exporter. */
export async function browserRows(): Promise<Row[]> {
  let ours: BundleSize;
  let raw: BundleSize;
  try {
    const script = (await import(SIZE_SCRIPT)) as {
      ENTRIES: { sdk: string };
      measure(name: string, source: string): Promise<BundleSize>;
    };
    [ours, raw] = await Promise.all([script.measure('sdk', script.ENTRIES.sdk), rawOtelSize()]);
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
