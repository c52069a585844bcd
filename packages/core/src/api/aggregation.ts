import type { Attributes } from '@opentelemetry/api';
import type { MetricDef } from '../catalog/metric.ts';

/**
 * The series of a counter or up-down counter that core sums itself, as columns: series `i` has
 * `attributes[i]`, `values[i]` and `startOffsetsMs[i]`. Columns instead of one object per series
 * save that object's header and fields (a heap snapshot put two objects per series at 112 of
 * 260 bytes); a label set resolves to its index, and recording is `values[i] += value`.
 */
export interface OwnedSums {
  readonly def: MetricDef;
  readonly kind: 'sum';
  readonly attributes: readonly Attributes[];
  /** The sums so far (a delta reader reports a sum whose value moved, and every new series once). */
  readonly values: number[];
  /**
   * When each series got its first measurement, in ms after the aggregation's `epochMs`: small
   * integers V8 stores unboxed (for about 12 days of process life), where epoch timestamps would
   * take a 16-byte heap number each (seen in a heap snapshot).
   */
  readonly startOffsetsMs: readonly number[];
}

/** One series of an explicit-bucket histogram that core aggregates itself. */
export interface OwnedHistogram {
  readonly attributes: Attributes;
  readonly startOffsetMs: number;
  /** Observations so far (the histogram's count). */
  updates: number;
  sum: number;
  min: number;
  max: number;
  /** Observations per bucket: `counts[i]` holds values ≤ `boundaries[i]` (and above the one before). */
  readonly counts: number[];
}

/** The series of a histogram core aggregates itself, in the order they appeared. */
export interface OwnedHistograms {
  readonly def: MetricDef;
  readonly kind: 'histogram';
  readonly boundaries: readonly number[];
  readonly series: readonly OwnedHistogram[];
}

/** A metric core aggregates itself. */
export type OwnedMetric = OwnedSums | OwnedHistograms;

/**
 * Where core keeps the sums and histograms it records when it owns the aggregation instead of
 * handing every measurement to OpenTelemetry instruments: a Node SDK reads it at collection time
 * (as a `MetricProducer` on each reader), so a measurement costs a trie walk and an addition.
 * Series limits and the `other` overflow are core's own guards, as on the instrument path.
 */
export interface OwnedAggregation {
  /** When the aggregation was created (epoch ms); series start times count from here. */
  readonly epochMs: number;
  /**
   * Every owned metric, in the order it was registered; grows, never shrinks. One name can appear
   * more than once — two business APIs on one meter (a gateway's browser budget beside the service's
   * own) keep their own series limits — and readers add such entries' series up by label set, as
   * OpenTelemetry instruments of one name would.
   */
  readonly metrics: readonly OwnedMetric[];
  /** Called by core once per metric definition and business API: one writer's series of it. */
  register(def: MetricDef): OwnedMetric;
}

/** An empty aggregation to pass as `aggregation` to `createBizMetrics`. */
export function createOwnedAggregation(): OwnedAggregation {
  const metrics: OwnedMetric[] = [];
  return {
    epochMs: Date.now(),
    metrics,
    register(def) {
      const metric: OwnedMetric =
        def.kind === 'histogram'
          ? { def, kind: 'histogram', boundaries: Object.freeze([...(def.buckets ?? [])]), series: [] }
          : { def, kind: 'sum', attributes: [], values: [], startOffsetsMs: [] };
      metrics.push(metric);
      return metric;
    },
  };
}

const AGGREGATION = Symbol.for('@bizmetrics/core.ownedAggregation');

/**
 * Marks `meter` as exported with `aggregation`: every `createBizMetrics` on that meter (or on a
 * proxy of it) without an `aggregation` of its own records there, so no business API on the SDK's
 * meter falls back to instruments of the same names, which readers would export a second time.
 */
export function ownAggregationOf(meter: object, aggregation: OwnedAggregation): void {
  Object.defineProperty(meter, AGGREGATION, { value: aggregation, enumerable: false });
}

/** The aggregation `meter` was marked with, if any. */
export function ownedAggregationOf(meter: object): OwnedAggregation | undefined {
  return (meter as { [AGGREGATION]?: OwnedAggregation })[AGGREGATION];
}

/** A new sum series of `metric`, starting at 0; returns its index. */
export function addSum(metric: OwnedSums, attributes: Attributes, startOffsetMs: number): number {
  (metric.attributes as Attributes[]).push(attributes);
  (metric.startOffsetsMs as number[]).push(startOffsetMs);
  return metric.values.push(0) - 1;
}

/** A new, empty histogram series of `metric` (appended to its list). */
export function addHistogram(
  metric: OwnedHistograms,
  attributes: Attributes,
  startOffsetMs: number,
): OwnedHistogram {
  const series: OwnedHistogram = {
    attributes,
    startOffsetMs,
    updates: 0,
    sum: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    counts: new Array<number>(metric.boundaries.length + 1).fill(0),
  };
  (metric.series as OwnedHistogram[]).push(series);
  return series;
}

/** Adds one observation to a histogram (bucket upper bounds inclusive, as OpenTelemetry's). */
export function observe(series: OwnedHistogram, boundaries: readonly number[], value: number): void {
  let i = 0;
  const n = boundaries.length;
  while (i < n && value > boundaries[i]!) i++;
  series.counts[i]!++;
  series.sum += value;
  series.updates++;
  if (value < series.min) series.min = value;
  if (value > series.max) series.max = value;
}
