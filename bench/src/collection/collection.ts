import { ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { collectGarbage } from '../measure/heap.ts';
import { roundOrder } from '../measure/order.ts';
import { median } from '../measure/stats.ts';
import type { BenchOptions } from '../options.ts';
import type { Row } from '../report/row.ts';
import type { OtelSetup } from '../setup/providers.ts';
import { bizWithSeries, otelWithSeries, promWithSeries } from '../setup/series.ts';

/** One timed output: how long it took and how many bytes it produced. */
interface Output {
  readonly ms: number;
  readonly bytes: number;
}

type Produce = () => Promise<Output>;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

async function timed(make: () => Promise<number>): Promise<Output> {
  const start = process.hrtime.bigint();
  const bytes = await make();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, bytes };
}

/**
 * A scrape as the Prometheus exporter answers it: its request handler (collect, then its
 * serializer — for bizmetrics the SDK's writer of core's series), into a response that keeps the text.
 */
const scrape =
  (setup: OtelSetup): Produce =>
  () =>
    timed(
      () =>
        new Promise<number>((resolve) => {
          const response = { statusCode: 0, setHeader() {}, end: (text: string) => resolve(utf8(text)) };
          setup.reader.getMetricsRequestHandler({} as never, response as never);
        }),
    );

/** An OTLP http/protobuf export body: collect, then the OTLP exporters' protobuf serializer. */
const otlp =
  (setup: OtelSetup): Produce =>
  () =>
    timed(async () => {
      const body = ProtobufMetricsSerializer.serializeRequest((await setup.reader.collect()).resourceMetrics);
      return body?.byteLength ?? 0;
    });

/**
 * Time and bytes of one Prometheus scrape and one OTLP export for each series count, against
 * prom-client's `register.metrics()` on the same series; repetitions interleaved, medians kept.
 */
export async function collectionRows(options: BenchOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for (const count of options.seriesCounts) {
    const biz = bizWithSeries(count);
    const otel = otelWithSeries(count);
    const prom = promWithSeries(count);
    const produce: Record<string, Produce> = {
      bizScrape: scrape(biz),
      otelScrape: scrape(otel),
      promScrape: () => timed(async () => utf8(await prom.metrics())),
      bizOtlp: otlp(biz),
      otelOtlp: otlp(otel),
    };
    const runs = new Map<string, Output[]>(Object.keys(produce).map((k) => [k, []]));
    // One untimed pass warms every path; then the repetitions run in shuffled order, each after a GC.
    for (const make of Object.values(produce)) await make();
    const names = Object.keys(produce);
    const repeats = Math.max(options.collectionRepeats, Math.round(options.collectionWork / count));
    for (let r = 0; r < repeats; r++)
      for (const name of roundOrder(names, r)) {
        collectGarbage();
        runs.get(name)!.push(await produce[name]!());
      }
    const ms = (k: string) => median(runs.get(k)!.map((o) => o.ms));
    const bytes = (k: string) => median(runs.get(k)!.map((o) => o.bytes));
    const n = count.toLocaleString('en-US');
    rows.push(
      {
        section: 'collection',
        name: `Prometheus scrape, ${n} series`,
        unit: 'ms',
        biz: ms('bizScrape'),
        otel: ms('otelScrape'),
        prom: ms('promScrape'),
      },
      {
        section: 'collection',
        name: `Prometheus scrape, ${n} series`,
        unit: 'bytes',
        biz: bytes('bizScrape'),
        otel: bytes('otelScrape'),
        prom: bytes('promScrape'),
      },
      {
        section: 'collection',
        name: `OTLP protobuf export, ${n} series`,
        unit: 'ms',
        biz: ms('bizOtlp'),
        otel: ms('otelOtlp'),
        note: 'prom-client has no OTLP',
      },
      {
        section: 'collection',
        name: `OTLP protobuf export, ${n} series`,
        unit: 'bytes',
        biz: bytes('bizOtlp'),
        otel: bytes('otelOtlp'),
        note: 'prom-client has no OTLP',
      },
    );
    await Promise.all([biz.provider.shutdown(), otel.provider.shutdown()]);
  }
  return rows;
}
