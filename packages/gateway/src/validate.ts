import { type MetricDef, OTHER } from '@bizmetrics/core';
import type { BrowserMetric } from './browser-catalog.ts';
import type { DecodedAttribute, DecodedHistogramPoint, DecodedMetric, DecodedNumberPoint } from './decode.ts';
import { sumRange } from './histogram-replay.ts';

/** Why a batch was refused; also the `reason` label of the gateway's self-metric. */
export type RejectReason =
  | 'unknown_metric'
  | 'wrong_kind'
  | 'wrong_temporality'
  | 'unknown_label'
  | 'missing_label'
  | 'label_value'
  | 'value_out_of_range'
  | 'bucket_mismatch'
  | 'too_many_points';

/** One accepted data point, ready to be added. */
export type Delta =
  | {
      readonly kind: 'counter';
      readonly metric: BrowserMetric;
      readonly labels: Labels;
      readonly value: number;
    }
  | {
      readonly kind: 'histogram';
      readonly metric: BrowserMetric;
      readonly labels: Labels;
      readonly bucketCounts: readonly number[];
      readonly sum: number;
    };

type Labels = Record<string, string>;

/** Limits a batch must stay within. */
export interface BatchLimits {
  /** Most data points in one request. */
  readonly maxPoints: number;
  /** Largest counter increment or histogram count in one data point. */
  readonly maxEventsPerPoint: number;
}

/** The verdict on a batch: every point valid, or the first problem found. */
export type Verdict =
  | { readonly ok: true; readonly deltas: readonly Delta[] }
  | { readonly ok: false; readonly reason: RejectReason; readonly message: string };

const DELTA = 1;
const DEFAULT_MAX_LENGTH = 64;

class Rejected extends Error {
  readonly reason: RejectReason;
  constructor(reason: RejectReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * Judges a whole batch against the browser catalog before anything is recorded, so a batch is
 * either added in full or changes no metric. Only catalog metrics the browser may send, as monotonic
 * delta sums or delta histograms with the catalog's buckets; exactly the declared label keys, with
 * string values inside the declared sets and lengths; non-negative integer counts within limits; and
 * histogram sums the bucket counts allow.
 */
export function validateBatch(
  metrics: readonly DecodedMetric[],
  catalog: ReadonlyMap<string, BrowserMetric>,
  limits: BatchLimits,
): Verdict {
  try {
    const points = metrics.reduce((n, m) => n + ('points' in m ? m.points.length : 0), 0);
    if (points > limits.maxPoints)
      throw new Rejected('too_many_points', `${points} data points; at most ${limits.maxPoints} per request`);
    return { ok: true, deltas: metrics.flatMap((m) => validateMetric(m, catalog, limits)) };
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, reason: error.reason, message: error.message };
    throw error;
  }
}

function validateMetric(
  metric: DecodedMetric,
  catalog: ReadonlyMap<string, BrowserMetric>,
  limits: BatchLimits,
): Delta[] {
  const entry = catalog.get(metric.name);
  if (!entry)
    throw new Rejected('unknown_metric', `"${clip(metric.name)}" is not a metric browsers may send`);
  const def = entry.def;
  if (def.kind === 'counter') {
    if (metric.type !== 'sum' || !metric.monotonic)
      throw new Rejected('wrong_kind', `${def.name} is a counter: send a monotonic sum, not ${metric.type}`);
    checkTemporality(def, metric.temporality);
    return metric.points.map((p) => counterDelta(entry, p, limits));
  }
  if (def.kind === 'histogram') {
    if (metric.type !== 'histogram')
      throw new Rejected('wrong_kind', `${def.name} is a histogram, not ${metric.type}`);
    checkTemporality(def, metric.temporality);
    return metric.points.map((p) => histogramDelta(entry, p, limits));
  }
  throw new Rejected(
    'wrong_kind',
    `${def.name} is a ${def.kind}; browsers send counters and histograms only`,
  );
}

function checkTemporality(def: MetricDef, temporality: number): void {
  if (temporality !== DELTA)
    throw new Rejected(
      'wrong_temporality',
      `${def.name}: temporality ${temporality === 2 ? 'cumulative' : temporality}; browsers must send deltas`,
    );
}

function counterDelta(metric: BrowserMetric, point: DecodedNumberPoint, limits: BatchLimits): Delta {
  const value = point.value;
  if (!isCount(value, limits.maxEventsPerPoint))
    throw new Rejected(
      'value_out_of_range',
      `${metric.def.name}: value ${String(value)} is not a count between 0 and ${limits.maxEventsPerPoint}`,
    );
  return { kind: 'counter', metric, labels: checkLabels(metric, point.attributes), value };
}

function histogramDelta(metric: BrowserMetric, point: DecodedHistogramPoint, limits: BatchLimits): Delta {
  const name = metric.def.name;
  const buckets = metric.def.buckets ?? [];
  const bounds = point.explicitBounds;
  if (bounds.length !== buckets.length || bounds.some((b, i) => b !== buckets[i]))
    throw new Rejected('bucket_mismatch', `${name}: bucket bounds differ from the catalog's`);
  const counts = point.bucketCounts;
  if (counts.length !== buckets.length + 1 || !counts.every((c) => isCount(c, limits.maxEventsPerPoint)))
    throw new Rejected('value_out_of_range', `${name}: bucket counts must be ${buckets.length + 1} counts`);
  const total = (counts as number[]).reduce((s, c) => s + c, 0);
  if (point.count !== total || total > limits.maxEventsPerPoint)
    throw new Rejected(
      'value_out_of_range',
      `${name}: count ${String(point.count)} does not match its buckets`,
    );
  const sum = point.sum ?? 0;
  const [min, max] = sumRange({ bounds: buckets, bucketCounts: counts as number[] }, metric.maxValue ?? 0);
  const tolerance = 1e-6 * Math.max(1, Math.abs(max));
  if (typeof sum !== 'number' || !Number.isFinite(sum) || sum < min - tolerance || sum > max + tolerance)
    throw new Rejected('value_out_of_range', `${name}: sum ${String(sum)} is impossible for its buckets`);
  return {
    kind: 'histogram',
    metric,
    labels: checkLabels(metric, point.attributes),
    bucketCounts: counts as number[],
    sum: Math.min(Math.max(sum, min), max),
  };
}

function checkLabels(metric: BrowserMetric, attributes: readonly DecodedAttribute[]): Labels {
  const def = metric.def;
  const labels: Labels = {};
  for (const { key, value } of attributes) {
    if (!(def.labelKeys as readonly string[]).includes(key) || Object.hasOwn(labels, key))
      throw new Rejected('unknown_label', `${def.name}: label "${clip(key)}" is not declared (or repeated)`);
    const v = value?.stringValue;
    if (typeof v !== 'string' || value?.['value'] !== 'stringValue')
      throw new Rejected('label_value', `${def.name}: label "${key}" must be a string`);
    if (!allowedValue(metric, key, v))
      throw new Rejected('label_value', `${def.name}: label "${key}" value "${clip(v)}" is not allowed`);
    labels[key] = v;
  }
  for (const key of def.labelKeys)
    if (!Object.hasOwn(labels, key))
      throw new Rejected('missing_label', `${def.name}: label "${key}" is missing`);
  return labels;
}

function allowedValue(metric: BrowserMetric, key: string, value: string): boolean {
  if (value === OTHER) return true;
  const set = metric.values?.[key] ?? metric.def.labels[key]?.values;
  if (set) return set.includes(value);
  const max = metric.def.labels[key]?.maxLength ?? DEFAULT_MAX_LENGTH;
  return value.length > 0 && value.length <= max && !/\p{Cc}/u.test(value);
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
