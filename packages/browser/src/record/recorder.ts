import type { MetricDef } from '@bizmetrics/core';
import { type AllowLists, checkPointLabels, OTHER } from '@bizmetrics/core/validate';

/** One series' pending delta: a counter increment, or a histogram's counts and sum. */
export interface PendingPoint {
  readonly labels: Readonly<Record<string, string>>;
  value: number;
  /** Histograms only: observations per bucket (last one is +Inf). */
  readonly counts?: number[];
  sum: number;
}

/** Everything recorded since the last {@link Recorder.take}, by metric. */
export interface Snapshot {
  readonly startMs: number;
  readonly endMs: number;
  readonly metrics: ReadonlyArray<{ readonly def: MetricDef; readonly points: readonly PendingPoint[] }>;
}

/** Options for {@link createRecorder}. */
export interface RecorderOptions {
  /** The browser's own guard self-metric (`bizmetrics.guard.events`). */
  readonly guardMetric: MetricDef;
  /** Most label sets per metric between two exports; more become one all-`other` set. */
  readonly seriesLimit: number;
  /** Narrower value sets by metric name and label key; other values become `other`. */
  readonly allowedValues?: Readonly<Record<string, AllowLists>>;
  /** Events each recorded one stands for (1 / sampling rate). */
  readonly weight: number;
  readonly random: () => number;
  readonly strict: boolean;
  readonly log: (message: string) => void;
  readonly now: () => number;
}

/** Delta aggregation in the page: what is sent at the next export, then forgotten. */
export interface Recorder {
  /** Adds `value` (a whole count) to a counter. */
  add(def: MetricDef, value: number, labels: Readonly<Record<string, unknown>>): void;
  /** Records one observation of a histogram. */
  observe(def: MetricDef, value: number, labels: Readonly<Record<string, unknown>>): void;
  /** Returns what was recorded since the last call and starts afresh; undefined when nothing was. */
  take(): Snapshot | undefined;
}

/**
 * Aggregates deltas in the page with core's shared label rules (the gateway applies the same rules
 * again: the browser is untrusted). A sampled-in page stands for `weight` pages: every event is
 * scaled by it, rounded to a whole count at random so that totals stay unbiased. Bad input is
 * dropped (or its label mapped to `other`) and counted in the guard metric; strict mode throws.
 */
export function createRecorder(options: RecorderOptions): Recorder {
  let series = new Map<MetricDef, Map<string, PendingPoint>>();
  let startMs = options.now();
  const logged = new Set<string>();

  const report = (metric: string, reason: string, action: 'dropped' | 'mapped', detail: string) => {
    if (options.strict) throw new Error(`${metric}: ${reason}: ${detail}`);
    point(options.guardMetric, { metric, reason, action }).value += 1;
    const key = metric + reason;
    if (logged.has(key)) return;
    logged.add(key);
    try {
      options.log(`bizmetrics: ${action} input for ${metric}: ${reason}: ${detail}`);
    } catch {}
  };

  function point(def: MetricDef, labels: Record<string, string>): PendingPoint {
    let byKey = series.get(def);
    if (!byKey) {
      byKey = new Map();
      series.set(def, byKey);
    }
    let key = def.labelKeys.map((k) => labels[k]).join('\u0000');
    let found = byKey.get(key);
    if (!found && byKey.size >= options.seriesLimit) {
      labels = Object.fromEntries(def.labelKeys.map((k) => [k, OTHER]));
      key = def.labelKeys.map(() => OTHER).join('\u0000');
      found = byKey.get(key);
      if (def !== options.guardMetric)
        report(def.name, 'series_limit', 'mapped', `over ${options.seriesLimit} label sets`);
    }
    if (!found) {
      const buckets = def.buckets;
      found = { labels, value: 0, sum: 0, counts: buckets ? buckets.map(() => 0).concat(0) : undefined };
      byKey.set(key, found);
    }
    return found;
  }

  /** The labels to record under, or undefined when the point is dropped. */
  function labelsOf(def: MetricDef, given: Readonly<Record<string, unknown>>) {
    const verdict = checkPointLabels(def, Object.entries(given ?? {}), options.allowedValues?.[def.name]);
    if (!verdict.ok) {
      report(def.name, verdict.reason, 'dropped', `label "${verdict.key}"`);
      return undefined;
    }
    for (const m of verdict.mapped) report(def.name, m.reason, 'mapped', `label "${m.key}"`);
    return verdict.labels;
  }

  /** `n` events scaled by the sampling weight, rounded at random to a whole number (unbiased). */
  const scaled = (n: number) => {
    const exact = n * options.weight;
    const whole = Math.floor(exact);
    return whole + (options.random() < exact - whole ? 1 : 0);
  };

  const badValue = (value: unknown): string | undefined => {
    if (typeof value !== 'number' || Number.isNaN(value)) return 'not_a_number';
    if (!Number.isFinite(value)) return 'not_finite';
    return value < 0 ? 'negative' : undefined;
  };

  return {
    add(def, value, given) {
      const bad = badValue(value) ?? (Number.isInteger(value) ? undefined : 'not_integer');
      if (bad) return report(def.name, bad, 'dropped', `value ${String(value)}`);
      const labels = labelsOf(def, given);
      const n = labels && scaled(value);
      if (labels && n) point(def, labels).value += n;
    },
    observe(def, value, given) {
      const bad = badValue(value);
      if (bad) return report(def.name, bad, 'dropped', `value ${String(value)}`);
      const labels = labelsOf(def, given);
      const n = labels && scaled(1);
      if (!labels || !n) return;
      const p = point(def, labels);
      const buckets = def.buckets ?? [];
      let i = buckets.findIndex((b) => value <= b);
      if (i < 0) i = buckets.length;
      p.counts![i]! += n;
      p.value += n;
      p.sum += value * n;
    },
    take() {
      const endMs = options.now();
      const metrics = [...series].map(([def, byKey]) => ({ def, points: [...byKey.values()] }));
      series = new Map();
      const snapshot = { startMs, endMs, metrics };
      startMs = endMs;
      return metrics.length ? snapshot : undefined;
    },
  };
}
