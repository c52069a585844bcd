import { standardCatalog as std } from '@bizmetrics/core';
import { selfCatalog } from '@bizmetrics/core/catalog';
import { Counter, Registry } from 'prom-client';
import { settledHeap } from '../measure/heap.ts';
import { median } from '../measure/stats.ts';
import type { BenchOptions } from '../options.ts';
import type { Row } from '../report/row.ts';
import { createBizSetup, createOtelSetup, type OtelSetup } from '../setup/providers.ts';
import { bizWithSeries, otelWithSeries, promWithSeries } from '../setup/series.ts';

/** Keeps what is being measured reachable until its heap has been read. */
const held: unknown[] = [];

/** Median of three {@link retainedOnce} readings: one reading can catch unrelated heap churn. */
async function retained(build: () => unknown, settle?: (value: unknown) => Promise<void>): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) readings.push(await retainedOnce(build, settle));
  return median(readings);
}

/** Heap bytes retained by what `build` creates, after full collections on both sides. */
async function retainedOnce(
  build: () => unknown,
  settle?: (value: unknown) => Promise<void>,
): Promise<number> {
  const before = settledHeap();
  const value = build();
  held.push(value);
  await settle?.(value);
  const bytes = settledHeap() - before;
  held.length = 0;
  return bytes;
}

/** A scrape's worth of collection, so the reader's cumulative state is part of what is held. */
const collectOnce = async (setup: unknown) => {
  await (setup as OtelSetup).reader.collect();
};

/** Data points a reader exports for one metric. */
async function exportedSeries(setup: OtelSetup, name: string): Promise<number> {
  const { resourceMetrics } = await setup.reader.collect();
  const metric = resourceMetrics.scopeMetrics
    .flatMap((s) => s.metrics)
    .find((m) => m.descriptor.name === name);
  return metric?.dataPoints.length ?? 0;
}

/** Records `count` distinct values; the most heap retained at ten checkpoints (after full GCs). */
function flood(count: number, record: (i: number) => void): number {
  const before = settledHeap();
  const step = Math.ceil(count / 10);
  let peak = 0;
  for (let i = 0; i < count; i++) {
    record(i);
    if ((i + 1) % step === 0 || i === count - 1) peak = Math.max(peak, settledHeap() - before);
  }
  return peak;
}

/** Every flooded value is a new `source` of an otherwise fixed funnel step. */
const flooded = (i: number) => ({
  funnel: 'checkout',
  step: 'payment',
  source: `campaign_${i}`,
  device_type: 'mobile',
  experiment_variant: 'control',
});

/** Bytes per series held, and peak heap while one label is flooded with distinct values. */
export async function memoryRows(options: BenchOptions): Promise<Row[]> {
  const n = options.memorySeries;
  const perSeries = {
    biz: (await retained(() => bizWithSeries(n), collectOnce)) / n,
    otel: (await retained(() => otelWithSeries(n), collectOnce)) / n,
    prom: (await retained(() => promWithSeries(n))) / n,
  };

  const biz = createBizSetup([std, selfCatalog]);
  const bizPeak = flood(options.floodValues, (i) => biz.biz.funnelStep(flooded(i)));
  const bizSeries = await exportedSeries(biz, std.funnelSteps.name);

  const otel = createOtelSetup();
  const otelCounter = otel.meter.createCounter(std.funnelSteps.name);
  const otelPeak = flood(options.floodValues, (i) => otelCounter.add(1, flooded(i)));
  const otelSeries = await exportedSeries(otel, std.funnelSteps.name);

  const registry = new Registry();
  const promCounter = new Counter({
    name: 'business_funnel_steps',
    help: 'steps',
    labelNames: std.funnelSteps.labelKeys,
    registers: [registry],
  });
  const promPeak = flood(options.promFloodValues, (i) => promCounter.inc(flooded(i), 1));
  const promSeries = (await registry.getMetricsAsJSON())[0]?.values.length ?? 0;
  await Promise.all([biz.provider.shutdown(), otel.provider.shutdown()]);

  const floods = `${options.floodValues.toLocaleString('en-US')} values; prom-client ${options.promFloodValues.toLocaleString('en-US')}`;
  return [
    {
      section: 'memory',
      name: `heap held per series (${n.toLocaleString('en-US')} series, after one collection)`,
      unit: 'bytes/series',
      ...perSeries,
    },
    {
      section: 'memory',
      name: `label flood: peak retained heap (${floods})`,
      unit: 'MB',
      biz: bizPeak / 2 ** 20,
      otel: otelPeak / 2 ** 20,
      prom: promPeak / 2 ** 20,
      note: 'prom-client got fewer values and still grows with each',
    },
    {
      section: 'memory',
      name: `label flood: series exported afterwards (${floods})`,
      unit: 'series',
      biz: bizSeries,
      otel: otelSeries,
      prom: promSeries,
      note: `ours: series limit ${std.funnelSteps.seriesLimit.toLocaleString('en-US')} + other; OTel: default limit 2,000`,
    },
  ];
}
