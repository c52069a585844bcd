import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { collectGarbage } from '../measure/heap.ts';
import { roundOrder } from '../measure/order.ts';
import { median } from '../measure/stats.ts';
import type { OtelSetup } from '../setup/providers.ts';
import { bizWithSeries, otelWithSeries } from '../setup/series.ts';

/** CPU ms per 1,000 series of one export, bizmetrics and raw OTel, and their paired ratio. */
export interface ExportCost {
  readonly biz: number;
  readonly otel: number;
  readonly bizOverOtel: number;
}

/**
 * CPU time of one OTLP http/protobuf export as a service's SDK does it: `collect()`, then the
 * `@opentelemetry/exporter-metrics-otlp-proto` exporter (its `ProtobufMetricsSerializer`, then a
 * POST) to a real collector's `metricsUrl`, answered before the clock stops. The series are the
 * collection section's (`setup/series.ts`); that section times collect + serialize in wall ms, this
 * adds the send and counts this process's CPU, so the figure reads against the collector's and the
 * gateway's CPU per point. Repetitions interleaved in seeded order, each after a GC; medians.
 */
export async function sdkExportCost(
  metricsUrl: string,
  series: number,
  repeats: number,
): Promise<ExportCost> {
  const setups: Record<'biz' | 'otel', OtelSetup> = {
    biz: bizWithSeries(series),
    otel: otelWithSeries(series),
  };
  const exporter = new OTLPMetricExporter({ url: metricsUrl });
  const exportOnce = async (setup: OtelSetup): Promise<number> => {
    const cpu = process.cpuUsage();
    const { resourceMetrics } = await setup.reader.collect();
    const result = await new Promise<{ code: number; error?: Error }>((resolve) =>
      exporter.export(resourceMetrics, resolve),
    );
    const used = process.cpuUsage(cpu);
    // ExportResultCode.SUCCESS (from @opentelemetry/core, which the bench does not depend on) is 0.
    if (result.code !== 0) throw new Error(`OTLP export to ${metricsUrl} failed: ${String(result.error)}`);
    return (used.user + used.system) / 1e3;
  };
  const samples = { biz: [] as number[], otel: [] as number[] };
  try {
    // One untimed export each warms the serializer and the connection.
    for (const setup of Object.values(setups)) await exportOnce(setup);
    for (let r = 0; r < repeats; r++)
      for (const name of roundOrder(['biz', 'otel'] as const, r)) {
        collectGarbage();
        samples[name].push(await exportOnce(setups[name]));
      }
  } finally {
    await exporter.shutdown();
    await Promise.all(Object.values(setups).map((s) => s.provider.shutdown()));
  }
  const perThousand = (ms: number) => (ms * 1000) / series;
  return {
    biz: perThousand(median(samples.biz)),
    otel: perThousand(median(samples.otel)),
    bizOverOtel: median(samples.biz.map((b, i) => b / samples.otel[i]!)),
  };
}
