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
  /** Minified bytes by input file (where the bytes go). */
  readonly inputs: Readonly<Record<string, number>>;
  readonly code: string;
}

/** What is measured: the complete browser SDK (web vitals included), and its `react` subpath. */
export const ENTRIES = {
  sdk: "export { createBrowserMetrics } from './src/index.ts';",
  react: "export { BizMetricsProvider, useBizMetrics } from './src/react/index.ts';",
} as const;

/**
 * Bundles an entry for browsers the way an app would ship it (esbuild, ESM, minified, tree-shaken,
 * browser conditions) and returns its minified and gzip -9 sizes in bytes. `resolveDir` is where the
 * entry's imports resolve (this package by default; the bench measures raw OTel from the Node SDK's).
 */
export async function measure(name: string, source: string, resolveDir = PACKAGE_DIR): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@bizmetrics/source'],
    external: ['react'],
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile!.outputs)[0]!;
  const inputs = Object.fromEntries(
    Object.entries(output.inputs).map(([file, { bytesInOutput }]) => [file, bytesInOutput]),
  );
  return {
    name,
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    inputs,
    code: new TextDecoder().decode(code),
  };
}

/** Measures every entry of {@link ENTRIES}. */
export async function measureAll(): Promise<BundleSize[]> {
  return Promise.all(Object.entries(ENTRIES).map(([name, source]) => measure(name, source)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const s of await measureAll()) {
    console.log(
      `${s.name}: ${s.gzipped} B gzipped (${(s.gzipped / 1024).toFixed(1)} KiB), ${s.minified} B minified`,
    );
    for (const [file, bytes] of Object.entries(s.inputs)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12))
      console.log(`  ${String(bytes).padStart(6)} B  ${file}`);
  }
}
