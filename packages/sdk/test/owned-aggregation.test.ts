import { createBizMetrics, defineMetric } from '@bizmetrics/core';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import {
  AggregationTemporality,
  DataPointType,
  type IMetricReader,
  MeterProvider,
  type MetricData,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { createPrometheusText } from '../src/export/prometheus-text.ts';
import { type BizMetricsHandle, startBizMetrics } from '../src/index.ts';
import { catalogViews } from '../src/provider/views.ts';
import { recordCheckoutFlow } from './checkout-flow.ts';

/** A reader collecting on demand in one temporality for every instrument type. */
class Reader extends MetricReader {
  constructor(temporality = AggregationTemporality.CUMULATIVE) {
    super({ aggregationTemporalitySelector: () => temporality });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
  async metrics(): Promise<MetricData[]> {
    return (await this.collect()).resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
  }
}

const page = defineMetric({
  kind: 'counter',
  name: 'test.page.views',
  unit: '{view}',
  description: 'Views "quoted", back\\slash\nand a new line.',
  owner: 'test',
  labels: { page: { maxLength: 80 }, kind: { values: ['a', 'b'] } },
  seriesLimit: 3,
});
const latency = defineMetric({
  kind: 'histogram',
  name: 'test.step.duration.seconds',
  unit: 's',
  description: 'Step latency.',
  owner: 'test',
  labels: { step: {} },
  buckets: [0.1, 0.5, 1, 5],
  seriesLimit: 5,
});
const inflight = defineMetric({
  kind: 'updown',
  name: 'test.inflight',
  unit: '{request}',
  description: 'In flight.',
  owner: 'test',
  labels: {},
  seriesLimit: 1,
});
const catalog = { page, latency, inflight };

/** The same awkward workload for every path: escapes, a mapped value, overflow, negatives. */
function workload(biz: Pick<BizMetricsHandle, 'counter' | 'histogram' | 'upDown'>): void {
  const views = biz.counter(page);
  views.add(1, { page: '/a "quoted" \\ path', kind: 'a' });
  views.add(2, { page: '/b', kind: 'b' });
  views.add(3, { page: '/b', kind: 'zzz' as never });
  views.add(4, { page: '/c', kind: 'a' });
  views.add(5, { page: '/d', kind: 'a' });
  views.add(1.5, { page: '/b', kind: 'b' });
  const steps = biz.histogram(latency);
  for (const v of [0, 0.1, 0.2, 0.5, 0.7, 1, 3, 5, 9, 120]) steps.record(v, { step: 'pay' });
  steps.record(0.3, { step: 'ship' });
  steps.record(-1, { step: 'ship' });
  const up = biz.upDown(inflight);
  up.add(3, {});
  up.add(-5, {});
}

function started(readers: IMetricReader[]): BizMetricsHandle {
  return startBizMetrics({
    env: {},
    exporters: ['none'],
    readers,
    catalog,
    handleSignals: false,
    log: () => {},
  });
}

/** Data points by metric name, keyed by their attributes, without times. */
function pointsOf(metrics: MetricData[], names: readonly string[]) {
  const out: Record<string, Record<string, unknown>> = {};
  for (const m of metrics.filter((x) => names.includes(x.descriptor.name))) {
    const points: Record<string, unknown> = {};
    for (const p of m.dataPoints as Array<{ attributes: object; value: unknown }>) {
      const v = p.value as { buckets?: { counts: number[] }; sum?: number; count?: number } | number;
      points[JSON.stringify(p.attributes)] =
        typeof v === 'number' ? v : { counts: v.buckets?.counts, sum: v.sum, count: v.count };
    }
    out[m.descriptor.name] = { type: m.dataPointType, temporality: m.aggregationTemporality, points };
  }
  return out;
}

describe("core's own aggregation, exported through a producer on each reader", () => {
  it('exports exactly what the OpenTelemetry instruments export for the same calls, guards included', async () => {
    const reader = new Reader();
    const biz = started([reader]);
    workload(biz);
    const instrumentsReader = new Reader();
    const provider = new MeterProvider({ readers: [instrumentsReader], views: catalogViews([catalog]) });
    workload(createBizMetrics({ meter: provider.getMeter('@bizmetrics/sdk'), log: () => {} }));
    const names = Object.values(catalog).map((d) => d.name);
    const owned = pointsOf(await reader.metrics(), names);
    expect(Object.keys(owned).sort()).toEqual([...names].sort());
    expect(owned).toEqual(pointsOf(await instrumentsReader.metrics(), names));
    // guard findings still go to the self-metric: the mapped value, the overflow and the negative
    const guard = (await reader.metrics()).find((m) => m.descriptor.name === 'bizmetrics.guard.events')!;
    const reasons = guard.dataPoints.map((p) => `${p.attributes['reason']}:${p.value}`).sort();
    expect(reasons).toEqual(['negative:1', 'series_limit:2', 'unknown_label_value:1']);
    await Promise.all([biz.shutdown(), provider.shutdown()]);
  });

  it('reports only what changed since the last collection to a delta reader, as differences', async () => {
    const reader = new Reader(AggregationTemporality.DELTA);
    const biz = started([reader]);
    const views = biz.counter(page);
    const steps = biz.histogram(latency);
    views.add(2, { page: '/a', kind: 'a' });
    views.add(1, { page: '/b', kind: 'a' });
    steps.record(0.3, { step: 'pay' });
    const first = pointsOf(await reader.metrics(), [page.name, latency.name]);
    expect(first[page.name]).toEqual({
      type: DataPointType.SUM,
      temporality: AggregationTemporality.DELTA,
      points: { '{"page":"/a","kind":"a"}': 2, '{"page":"/b","kind":"a"}': 1 },
    });
    views.add(5, { page: '/a', kind: 'a' });
    steps.record(2, { step: 'pay' });
    steps.record(0.05, { step: 'pay' });
    const second = pointsOf(await reader.metrics(), [page.name, latency.name]);
    expect(second[page.name]?.['points']).toEqual({ '{"page":"/a","kind":"a"}': 5 });
    expect(second[latency.name]?.['points']).toEqual({
      '{"step":"pay"}': { counts: [1, 0, 0, 1, 0], sum: 2.05, count: 2 },
    });
    expect(pointsOf(await reader.metrics(), [page.name, latency.name])).toEqual({});
    await biz.shutdown();
  });

  it('gives a cumulative and a delta reader of one provider each their own view of the same series', async () => {
    const cumulative = new Reader();
    const delta = new Reader(AggregationTemporality.DELTA);
    const biz = started([cumulative, delta]);
    const views = biz.counter(page);
    views.add(2, { page: '/a', kind: 'a' });
    await delta.metrics();
    views.add(3, { page: '/a', kind: 'a' });
    const key = '{"page":"/a","kind":"a"}';
    expect(pointsOf(await delta.metrics(), [page.name])[page.name]?.['points']).toEqual({ [key]: 3 });
    expect(pointsOf(await cumulative.metrics(), [page.name])[page.name]?.['points']).toEqual({ [key]: 5 });
    await biz.shutdown();
  });

  it('writes Prometheus text byte for byte as the exporter’s own serializer does', async () => {
    const exporter = new PrometheusExporter({ preventServerStart: true });
    const biz = started([exporter]);
    workload(biz);
    recordCheckoutFlow(biz);
    const { resourceMetrics } = await exporter.collect();
    const generic = new PrometheusSerializer().serialize(resourceMetrics);
    const ours = createPrometheusText(new PrometheusSerializer()).serialize(resourceMetrics);
    expect(ours).toBe(generic);
    expect(ours).toContain('test_page_views_total{page="/a \\"quoted\\" \\\\ path",kind="a"');
    expect(ours).toContain(
      'test_step_duration_seconds_bucket{step="pay",otel_scope_name="@bizmetrics/sdk",le="+Inf"} 10',
    );
    // and the exporter's HTTP answer is that text
    expect(await scrape(exporter)).toBe(generic);
    await biz.shutdown();
  });

  it('leaves a scrape without core metrics to the generic serializer', async () => {
    const reader = new Reader();
    const provider = new MeterProvider({ readers: [reader] });
    provider.getMeter('plain').createCounter('plain.count').add(1);
    const { resourceMetrics } = await reader.collect();
    const generic = new PrometheusSerializer().serialize(resourceMetrics);
    expect(createPrometheusText(new PrometheusSerializer()).serialize(resourceMetrics)).toBe(generic);
    expect(generic).toContain('plain_count_total');
    await provider.shutdown();
  });

  it('adds up a second business API on the SDK meter (a gateway budget) with the service, per label set', async () => {
    const reader = new Reader();
    const biz = started([reader]);
    const meter = biz.meterProvider.getMeter('@bizmetrics/sdk');
    const second = createBizMetrics({ meter, log: () => {} });
    const tight = { ...page, seriesLimit: 1 };
    biz.counter(page).add(2, { page: '/a', kind: 'a' });
    second.counter(tight).add(3, { page: '/a', kind: 'a' });
    second.counter(tight).add(4, { page: '/b', kind: 'a' });
    for (const v of [0.25, 3]) biz.histogram(latency).record(v, { step: 'pay' });
    second.histogram(latency).record(0.75, { step: 'pay' });
    const points = pointsOf(await reader.metrics(), [page.name, latency.name]);
    // one metric per name, one point per label set; the second API's own limit sent /b to other
    expect(points[page.name]?.['points']).toEqual({
      '{"page":"/a","kind":"a"}': 5,
      '{"page":"other","kind":"other"}': 4,
    });
    expect(points[latency.name]?.['points']).toEqual({
      '{"step":"pay"}': { counts: [0, 1, 1, 1, 0], sum: 4, count: 3 },
    });
    const all = await reader.metrics();
    expect(all.filter((m) => m.descriptor.name === page.name)).toHaveLength(1);
    await biz.shutdown();
  });

  it('records through instruments when a reader cannot take a producer, so no reader misses a metric', async () => {
    const inner = new Reader();
    const foreign: IMetricReader = {
      setMetricProducer: (p) => inner.setMetricProducer(p),
      selectAggregation: (t) => inner.selectAggregation(t),
      selectAggregationTemporality: (t) => inner.selectAggregationTemporality(t),
      selectCardinalityLimit: (t) => inner.selectCardinalityLimit(t),
      collect: (o) => inner.collect(o),
      shutdown: (o) => inner.shutdown(o),
      forceFlush: (o) => inner.forceFlush(o),
    };
    const biz = started([foreign]);
    biz.counter(page).add(2, { page: '/a', kind: 'a' });
    expect(pointsOf(await inner.metrics(), [page.name])[page.name]?.['points']).toEqual({
      '{"page":"/a","kind":"a"}': 2,
    });
    await biz.shutdown();
  });
});

/** The exporter's request handler, answered into a string. */
function scrape(exporter: PrometheusExporter): Promise<string> {
  return new Promise((resolve) => {
    const response = {
      statusCode: 0,
      setHeader() {},
      end: (body: string) => resolve(body),
    };
    exporter.getMetricsRequestHandler({} as never, response as never);
  });
}
