import type { Row } from '../report/row.ts';

/** What the browser package's size script reports for one bundle. */
interface BundleSize {
  readonly name: string;
  readonly minified: number;
  readonly gzipped: number;
}

/** The browser package's own size script (esbuild, minified, gzip -9); its absence is a row too. */
const SIZE_SCRIPT = '../../../packages/browser/scripts/bundle-size.ts';

/** Gzipped and minified bundle bytes: the browser SDK against raw OTel metrics + OTLP exporter. */
export async function browserRows(): Promise<Row[]> {
  let sizes: BundleSize[];
  try {
    const script = (await import(SIZE_SCRIPT)) as { measureAll(): Promise<BundleSize[]> };
    sizes = await script.measureAll();
  } catch (error) {
    return [
      {
        section: 'browser',
        name: 'bundle, gzip -9',
        unit: 'bytes',
        note: `pending browser package (${String(error).slice(0, 60)})`,
      },
    ];
  }
  const ours = sizes.find((s) => s.name.startsWith('@bizmetrics/browser'));
  const raw = sizes.find((s) => s.name.startsWith('raw '));
  const note = 'raw OTel = sdk-metrics + exporter-metrics-otlp-http; prom-client is not for browsers';
  return [
    {
      section: 'browser',
      name: 'bundle, gzip -9',
      unit: 'bytes',
      biz: ours?.gzipped,
      otel: raw?.gzipped,
      note,
    },
    {
      section: 'browser',
      name: 'bundle, minified',
      unit: 'bytes',
      biz: ours?.minified,
      otel: raw?.minified,
      note,
    },
  ];
}
