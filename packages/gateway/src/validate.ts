import { checkPointLabels } from '@bizmetrics/core/validate';
import type { BrowserMetric } from './browser-catalog.ts';
import type { DecodedAttribute, DecodedHistogramPoint, DecodedMetric, DecodedNumberPoint } from './decode.ts';
import { sumRange } from './histogram-replay.ts';

/** Why a point was dropped; also the `reason` of `bizmetrics.gateway.guard.events`. */
export type DropReason =
  | 'unknown_metric'
  | 'wrong_kind'
  | 'wrong_temporality'
  | 'forbidden_label_key'
  | 'unknown_label_key'
  | 'repeated_label_key'
  | 'not_a_number'
  | 'not_finite'
  | 'negative'
  | 'not_integer'
  | 'value_out_of_range'
  | 'bucket_mismatch';

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

/** A finding about one point: dropped, a label mapped to `other`, or ignored (zero delta). */
export interface Finding {
  readonly metric: string;
  readonly action: 'dropped' | 'mapped' | 'ignored';
  readonly reason: string;
  readonly detail: string;
  /** Points it concerns (a dropped metric drops all its points); default 1. */
  readonly count?: number;
}

/** What a batch became: the deltas to add, and every finding on the way. */
export interface Judgement {
  readonly deltas: readonly Delta[];
  readonly findings: readonly Finding[];
  /** Points dropped (OTLP partial success `rejected_data_points`). */
  readonly dropped: number;
}

/** Largest counter increment or histogram count in one data point. */
export interface PointLimits {
  readonly maxEventsPerPoint: number;
}

const DELTA = 1;

/**
 * Judges every point of a batch on its own: a point of an unknown metric, of the wrong kind or
 * temporality, with a forbidden or undeclared label key, or with an impossible value is dropped and
 * counted by reason; a label value outside its allow-list, too long or with control characters
 * becomes `other` (core's shared label rules); a zero delta is ignored (it would only create a
 * series). The rest of the batch is accepted.
 */
export function judgeBatch(
  metrics: readonly DecodedMetric[],
  catalog: ReadonlyMap<string, BrowserMetric>,
  limits: PointLimits,
): Judgement {
  const deltas: Delta[] = [];
  const findings: Finding[] = [];
  let dropped = 0;
  const drop = (metric: string, reason: DropReason, detail: string, n = 1) => {
    dropped += n;
    findings.push({ metric, action: 'dropped', reason, detail, count: n });
  };
  for (const metric of metrics) {
    const points = 'points' in metric ? metric.points.length : 1;
    const entry = catalog.get(metric.name);
    // An unknown name is attacker-controlled: it is counted under `other`, never as a label value.
    if (!entry) {
      drop('other', 'unknown_metric', `"${clip(metric.name)}" is not a metric browsers may send`, points);
      continue;
    }
    const def = entry.def;
    const name = def.name;
    if (def.kind === 'counter' && (metric.type !== 'sum' || !metric.monotonic)) {
      drop(name, 'wrong_kind', `a counter: send a monotonic sum, not ${metric.type}`, points);
      continue;
    }
    if (def.kind === 'histogram' && metric.type !== 'histogram') {
      drop(name, 'wrong_kind', `a histogram, not ${metric.type}`, points);
      continue;
    }
    if (def.kind !== 'counter' && def.kind !== 'histogram') {
      drop(name, 'wrong_kind', 'browsers send counters and histograms only', points);
      continue;
    }
    if (!('temporality' in metric) || metric.temporality !== DELTA) {
      drop(name, 'wrong_temporality', 'browsers must send deltas', points);
      continue;
    }
    for (const point of metric.points) {
      const verdict =
        metric.type === 'sum'
          ? counterPoint(point as DecodedNumberPoint, limits)
          : histogramPoint(entry, point as DecodedHistogramPoint, limits);
      if (verdict === 'zero') {
        findings.push({ metric: name, action: 'ignored', reason: 'zero_delta', detail: 'zero delta' });
        continue;
      }
      if ('reason' in verdict) {
        drop(name, verdict.reason, verdict.detail);
        continue;
      }
      const labels = checkPointLabels(def, entries(point.attributes), entry.values);
      if (!labels.ok) {
        drop(name, labels.reason, `label "${clip(labels.key)}"`);
        continue;
      }
      for (const m of labels.mapped)
        findings.push({ metric: name, action: 'mapped', reason: m.reason, detail: `label "${m.key}"` });
      deltas.push({ ...verdict, metric: entry, labels: labels.labels } as Delta);
    }
  }
  return { deltas, findings, dropped };
}

type PointVerdict =
  | 'zero'
  | { readonly reason: DropReason; readonly detail: string }
  | { readonly kind: 'counter'; readonly value: number }
  | { readonly kind: 'histogram'; readonly bucketCounts: readonly number[]; readonly sum: number };

function counterPoint(point: DecodedNumberPoint, limits: PointLimits): PointVerdict {
  const value = point.value;
  const problem = countProblem(value, limits.maxEventsPerPoint);
  if (problem) return { reason: problem, detail: `value ${String(value)}` };
  if (value === 0) return 'zero';
  return { kind: 'counter', value: value as number };
}

function histogramPoint(
  metric: BrowserMetric,
  point: DecodedHistogramPoint,
  limits: PointLimits,
): PointVerdict {
  const buckets = metric.def.buckets ?? [];
  const bounds = point.explicitBounds;
  if (bounds.length !== buckets.length || bounds.some((b, i) => b !== buckets[i]))
    return { reason: 'bucket_mismatch', detail: "bucket bounds differ from the catalog's" };
  const counts = point.bucketCounts;
  if (counts.length !== buckets.length + 1)
    return { reason: 'value_out_of_range', detail: `${buckets.length + 1} bucket counts expected` };
  for (const c of counts) {
    const problem = countProblem(c, limits.maxEventsPerPoint);
    if (problem) return { reason: problem, detail: `bucket count ${String(c)}` };
  }
  const total = (counts as number[]).reduce((s, c) => s + c, 0);
  if (point.count !== total || total > limits.maxEventsPerPoint)
    return {
      reason: 'value_out_of_range',
      detail: `count ${String(point.count)} does not match its buckets`,
    };
  if (total === 0) return 'zero';
  const sum = point.sum ?? 0;
  if (typeof sum !== 'number' || Number.isNaN(sum)) return { reason: 'not_a_number', detail: 'sum' };
  if (!Number.isFinite(sum)) return { reason: 'not_finite', detail: 'sum' };
  const [min, max] = sumRange({ bounds: buckets, bucketCounts: counts as number[] }, metric.maxValue ?? 0);
  const tolerance = 1e-6 * Math.max(1, Math.abs(max));
  if (sum < min - tolerance || sum > max + tolerance)
    return { reason: 'value_out_of_range', detail: `sum ${sum} is impossible for its buckets` };
  return { kind: 'histogram', bucketCounts: counts as number[], sum: Math.min(Math.max(sum, min), max) };
}

/** Core's value reasons for a count that is not a whole number between 0 and `max`. */
function countProblem(value: unknown, max: number): DropReason | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) return 'not_a_number';
  if (!Number.isFinite(value)) return 'not_finite';
  if (value < 0) return 'negative';
  if (!Number.isInteger(value)) return 'not_integer';
  return value > max ? 'value_out_of_range' : undefined;
}

/** OTLP attributes as key/value pairs; anything but a string value arrives as a non-string. */
function* entries(attributes: readonly DecodedAttribute[]): Iterable<readonly [string, unknown]> {
  for (const { key, value } of attributes)
    yield [
      key,
      value?.['value'] === 'stringValue' ? value.stringValue : (value?.[value?.['value'] as string] ?? null),
    ];
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/** Counts the events a batch claims, before judging it (the per-request event limit). */
export function countEvents(metrics: readonly DecodedMetric[]): { points: number; events: number } {
  let points = 0;
  let events = 0;
  for (const m of metrics) {
    if (!('points' in m)) {
      points++;
      continue;
    }
    points += m.points.length;
    for (const p of m.points) {
      const n = m.type === 'sum' ? (p as DecodedNumberPoint).value : (p as DecodedHistogramPoint).count;
      if (typeof n === 'number' && Number.isFinite(n) && n > 0) events += n;
    }
  }
  return { points, events };
}
