import type { OwnedAggregation, OwnedHistograms, OwnedMetric, OwnedSums } from '@bizmetrics/core/aggregation';
import { type HrTime, ValueType } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { emptyResource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  type CollectionResult,
  type DataPoint,
  DataPointType,
  type Histogram,
  type IMetricReader,
  InstrumentType,
  type MetricData,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import { createPrometheusText, hasDefaultOptions } from './prometheus-text.ts';

/** The owned metric each producer-made `MetricData` came from (for the Prometheus text writer). */
const origins = new WeakMap<MetricData, OwnedMetric>();

/** The owned metric `data` was produced from, or undefined for the SDK's own metric data. */
export function ownedMetricOf(data: MetricData): OwnedMetric | undefined {
  return origins.get(data);
}

/** What the producer needs of its reader: the temporality it asks for per instrument type. */
export interface TemporalitySource {
  selectAggregationTemporality(type: InstrumentType): AggregationTemporality;
}

/** What a delta reader last reported: per sum metric its values by series, per histogram series its state. */
interface Reported {
  readonly sums: Map<OwnedSums, number[]>;
  readonly histograms: Map<object, { count: number; sum: number; counts: number[] }>;
}

/**
 * Exposes core's own aggregation to one reader as a `MetricProducer`, in the reader's temporality
 * per instrument type, so the reader merges it with the SDK's instruments (gauges, self-metrics)
 * and every exporter, Prometheus and OTLP alike, sees ordinary OTel metric data. Cumulative readers
 * get every series with its start; delta readers get the difference from what they last reported
 * for each new series and each series that changed since (the SDK's delta storage also reports a
 * series whose only measurements since added up to 0, as a 0: no total differs). Delta histograms
 * carry no min/max (they are not derivable from cumulative state).
 */
export function createOwnedProducer(
  aggregation: OwnedAggregation,
  scope: { readonly name: string; readonly version?: string },
  reader: TemporalitySource,
): MetricProducer {
  const reported: Reported = { sums: new Map(), histograms: new Map() };
  let lastCollectMs: number | undefined;
  return {
    async collect(): Promise<CollectionResult> {
      const nowMs = Date.now();
      const end = hrTimeOf(nowMs);
      const metrics: MetricData[] = [];
      for (const writers of byName(aggregation.metrics)) {
        const metric = writers[0]!;
        const type = instrumentType(metric);
        const temporality = reader.selectAggregationTemporality(type);
        const delta = temporality === AggregationTemporality.DELTA;
        const parts = writers.map((m) =>
          delta
            ? deltaData(m, aggregation.epochMs, reported, lastCollectMs, end)
            : cumulativeData(m, aggregation.epochMs, end),
        );
        const data = parts.length === 1 ? parts[0]! : mergeParts(parts);
        // Like the SDK's storages: a metric with nothing to report is left out.
        if (data.dataPoints.length > 0) {
          const made = { ...data, aggregationTemporality: temporality } as MetricData;
          origins.set(made, metric);
          metrics.push(made);
        }
      }
      lastCollectMs = nowMs;
      return {
        resourceMetrics: { resource: emptyResource(), scopeMetrics: [{ scope, metrics }] },
        errors: [],
      };
    },
  };
}

/** Owned metrics grouped by name, in first-registered order (usually one writer per name). */
function byName(metrics: readonly OwnedMetric[]): OwnedMetric[][] {
  const groups = new Map<string, OwnedMetric[]>();
  for (const m of metrics) {
    const group = groups.get(m.def.name);
    if (group) group.push(m);
    else groups.set(m.def.name, [m]);
  }
  return [...groups.values()];
}

/**
 * The points of several writers of one metric, added up per label set as one OTel instrument
 * would hold them: sums add; histograms add counts, sums and bucket counts and keep the extremes;
 * the earlier start wins.
 */
function mergeParts(parts: readonly Partial[]): Partial {
  const points = new Map<string, DataPoint<unknown>>();
  for (const part of parts)
    for (const p of part.dataPoints) {
      const key = JSON.stringify(p.attributes);
      const seen = points.get(key);
      points.set(key, seen ? combine(seen, p) : p);
    }
  return { ...parts[0]!, dataPoints: [...points.values()] } as Partial;
}

function combine(a: DataPoint<unknown>, b: DataPoint<unknown>): DataPoint<unknown> {
  const startTime =
    a.startTime[0] < b.startTime[0] || (a.startTime[0] === b.startTime[0] && a.startTime[1] <= b.startTime[1])
      ? a.startTime
      : b.startTime;
  if (typeof a.value === 'number') return { ...a, startTime, value: a.value + (b.value as number) };
  const x = a.value as Histogram;
  const y = b.value as Histogram;
  const value: Histogram = {
    buckets: {
      boundaries: x.buckets.boundaries,
      counts: x.buckets.counts.map((c, i) => c + (y.buckets.counts[i] ?? 0)),
    },
    sum: (x.sum ?? 0) + (y.sum ?? 0),
    count: x.count + y.count,
    ...(x.min !== undefined &&
      y.min !== undefined && { min: Math.min(x.min, y.min), max: Math.max(x.max!, y.max!) }),
  };
  return { ...a, startTime, value };
}

function instrumentType(metric: OwnedMetric): InstrumentType {
  if (metric.kind === 'histogram') return InstrumentType.HISTOGRAM;
  return metric.def.kind === 'updown' ? InstrumentType.UP_DOWN_COUNTER : InstrumentType.COUNTER;
}

function descriptor(metric: OwnedMetric) {
  const { name, description, unit } = metric.def;
  return { name, description, unit, valueType: ValueType.DOUBLE };
}

type Partial = Omit<MetricData, 'aggregationTemporality'> & { dataPoints: DataPoint<unknown>[] };

function cumulativeData(metric: OwnedMetric, epochMs: number, end: HrTime): Partial {
  if (metric.kind === 'sum') {
    const { attributes, values, startOffsetsMs } = metric;
    const dataPoints: DataPoint<number>[] = new Array(values.length);
    for (let i = 0; i < values.length; i++)
      dataPoints[i] = {
        startTime: hrTimeOf(epochMs + startOffsetsMs[i]!),
        endTime: end,
        attributes: attributes[i]!,
        value: values[i]!,
      };
    return sumData(metric, dataPoints);
  }
  const boundaries = [...metric.boundaries];
  const dataPoints: DataPoint<Histogram>[] = new Array(metric.series.length);
  for (let i = 0; i < metric.series.length; i++) {
    const s = metric.series[i]!;
    dataPoints[i] = {
      startTime: hrTimeOf(epochMs + s.startOffsetMs),
      endTime: end,
      attributes: s.attributes,
      value: {
        buckets: { boundaries, counts: s.counts.slice() },
        sum: s.sum,
        count: s.updates,
        min: s.min,
        max: s.max,
      },
    };
  }
  return { descriptor: descriptor(metric), dataPointType: DataPointType.HISTOGRAM, dataPoints } as Partial;
}

function deltaData(
  metric: OwnedMetric,
  epochMs: number,
  reported: Reported,
  lastCollectMs: number | undefined,
  end: HrTime,
): Partial {
  // A series new since the last collection starts at its first measurement; the others there.
  const startOf = (offsetMs: number, seen: boolean) =>
    hrTimeOf(
      seen && lastCollectMs !== undefined ? lastCollectMs : Math.max(epochMs + offsetMs, lastCollectMs ?? 0),
    );
  if (metric.kind === 'sum') {
    const { attributes, values, startOffsetsMs } = metric;
    let last = reported.sums.get(metric);
    if (!last) {
      last = [];
      reported.sums.set(metric, last);
    }
    const dataPoints: DataPoint<number>[] = [];
    for (let i = 0; i < values.length; i++) {
      const before = last[i];
      if (before === values[i]) continue;
      dataPoints.push({
        startTime: startOf(startOffsetsMs[i]!, before !== undefined),
        endTime: end,
        attributes: attributes[i]!,
        value: values[i]! - (before ?? 0),
      });
      last[i] = values[i]!;
    }
    return sumData(metric, dataPoints);
  }
  const dataPoints: DataPoint<Histogram>[] = [];
  const boundaries = [...metric.boundaries];
  for (const s of (metric as OwnedHistograms).series) {
    const last = reported.histograms.get(s);
    if (last?.count === s.updates) continue;
    const value: Histogram = {
      buckets: { boundaries, counts: s.counts.map((c, i) => c - (last?.counts[i] ?? 0)) },
      sum: s.sum - (last?.sum ?? 0),
      count: s.updates - (last?.count ?? 0),
    };
    dataPoints.push({
      startTime: startOf(s.startOffsetMs, last !== undefined),
      endTime: end,
      attributes: s.attributes,
      value,
    });
    reported.histograms.set(s, { count: s.updates, sum: s.sum, counts: s.counts.slice() });
  }
  return { descriptor: descriptor(metric), dataPointType: DataPointType.HISTOGRAM, dataPoints } as Partial;
}

function sumData(metric: OwnedMetric, dataPoints: DataPoint<number>[]): Partial {
  return {
    descriptor: descriptor(metric),
    dataPointType: DataPointType.SUM,
    isMonotonic: metric.def.kind === 'counter',
    dataPoints,
  } as Partial;
}

function hrTimeOf(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}

/**
 * Adds a producer of `aggregation` to each reader (sdk-metrics readers keep their producers in
 * `_metricProducers`, filled from the `metricProducers` option). All or nothing: when a reader does
 * not have that list (an `IMetricReader` of another make), nothing is attached and false tells the
 * caller to record through OpenTelemetry instruments instead, so no reader misses a metric.
 */
export function attachOwnedProducers(
  readers: readonly IMetricReader[],
  aggregation: OwnedAggregation,
  scope: { readonly name: string; readonly version?: string },
): boolean {
  const lists = readers.map((r) => (r as { _metricProducers?: unknown })._metricProducers);
  if (!lists.every((list) => Array.isArray(list))) return false;
  readers.forEach((reader, i) => {
    (lists[i] as MetricProducer[]).push(createOwnedProducer(aggregation, scope, reader));
    // A Prometheus exporter with default options writes core's series with our text writer.
    const exporter = reader as { _serializer?: unknown };
    if (reader instanceof PrometheusExporter && hasDefaultOptions(exporter._serializer))
      exporter._serializer = createPrometheusText(
        exporter._serializer as Parameters<typeof createPrometheusText>[0],
      );
  });
  return true;
}
