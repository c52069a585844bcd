import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One measured bundle. */
export interface BundleSize {
  readonly name: string;
  readonly minified: number;
  readonly gzipped: number;
}

/** What is measured: the complete browser SDK, and raw OTel metrics with its OTLP/HTTP exporter. */
export const ENTRIES = {
  '@bizmetrics/browser (SDK + exporter + sessions)': "export { createBrowserMetrics } from './src/index.ts';",
  'raw @opentelemetry/sdk-metrics + exporter-metrics-otlp-http':
    "export { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';\n" +
    "export { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';",
} as const;

/**
 * Bundles an entry for browsers the way an app would ship it (esbuild, ESM, minified, tree-shaken,
 * browser conditions) and returns its minified and gzip -9 sizes in bytes.
 */
export async function measure(name: string, source: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir: PACKAGE_DIR, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@bizmetrics/source'],
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { name, minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

/** Measures every entry of {@link ENTRIES}. */
export async function measureAll(): Promise<BundleSize[]> {
  return Promise.all(Object.entries(ENTRIES).map(([name, source]) => measure(name, source)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const s of await measureAll())
    console.log(
      `${s.name}: ${(s.gzipped / 1024).toFixed(1)} KiB gzipped (${s.gzipped} B; ${s.minified} B minified)`,
    );
}
