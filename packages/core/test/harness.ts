import type { Attributes } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  type HistogramMetricData,
  MeterProvider,
  type MetricData,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import { type BizMetrics, type BizMetricsOptions, createBizMetrics } from '../src/index.ts';

/** A reader that only collects on demand. */
export class OnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** The business API on a real sdk-metrics MeterProvider, with helpers that read exact data points. */
export interface Harness {
  readonly biz: BizMetrics;
  readonly logs: string[];
  /** Advances the fake clock. */
  tick(ms: number): void;
  collect(): Promise<MetricData[]>;
  /** The value of a counter or gauge point with exactly these attributes (undefined when absent). */
  value(name: string, attributes: Attributes): Promise<number | undefined>;
  /** Every point of a metric: attributes and value (sum for counters, count+sum for histograms). */
  points(name: string): Promise<Array<{ attributes: Attributes; value: number; count?: number }>>;
  /** Guard self-metric count for one metric and reason. */
  guard(metric: string, reason: string, action?: 'dropped' | 'mapped'): Promise<number>;
}

/** Builds a harness in the given mode with a controllable clock starting at 1 000 000 ms. */
export function createHarness(options: Partial<BizMetricsOptions> = {}): Harness {
  const reader = new OnDemandReader();
  const provider = new MeterProvider({ readers: [reader] });
  let clock = 1_000_000;
  const logs: string[] = [];
  const biz = createBizMetrics({
    meter: provider.getMeter('test'),
    log: (m) => logs.push(m),
    now: () => clock,
    ...options,
  });
  const collect = async () => {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
  };
  const points = async (name: string) => {
    const metric = (await collect()).find((m) => m.descriptor.name === name);
    if (!metric) return [];
    if (metric.dataPointType === DataPointType.HISTOGRAM)
      return (metric as HistogramMetricData).dataPoints.map((p) => ({
        attributes: p.attributes,
        value: p.value.sum ?? 0,
        count: p.value.count,
      }));
    return metric.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value as number }));
  };
  const same = (a: Attributes, b: Attributes) =>
    Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);
  return {
    biz,
    logs,
    tick: (ms) => {
      clock += ms;
    },
    collect,
    points,
    async value(name, attributes) {
      return (await points(name)).find((p) => same(p.attributes, attributes))?.value;
    },
    async guard(metric, reason, action) {
      const all = await points('bizmetrics.guard.events');
      return all
        .filter((p) => p.attributes['metric'] === metric && p.attributes['reason'] === reason)
        .filter((p) => !action || p.attributes['action'] === action)
        .reduce((s, p) => s + p.value, 0);
    },
  };
}

/** A valid revenue input; override fields to make it invalid. */
export function order(overrides: Record<string, unknown> = {}) {
  return {
    amountMinor: 4999,
    currency: 'USD',
    product_category: 'books',
    payment_method: 'card',
    region: 'eu',
    ...overrides,
  } as never;
}
