import type { Attributes, Meter, ObservableResult } from '@opentelemetry/api';
import type { CounterDef, GaugeDef, HistogramDef, Labels, MetricDef, UpDownDef } from '../catalog/metric.ts';
import { createLabelNormalizer, createSeriesResolver } from '../guards/labels.ts';
import { describeInput, isIterable } from '../guards/never-throw.ts';
import type { GuardReporter } from '../guards/reporter.ts';
import { checkValue, isKnownCurrency } from '../guards/values.ts';
import { addHistogram, addSum, type OwnedAggregation, observe } from './aggregation.ts';

/** A guarded counter: adds non-negative values. */
export interface CounterHandle<M extends CounterDef> {
  add(value: number, labels: Labels<M>): void;
}
/** A guarded histogram. */
export interface HistogramHandle<M extends HistogramDef> {
  record(value: number, labels: Labels<M>): void;
}
/** A guarded up-down counter. */
export interface UpDownHandle<M extends UpDownDef> {
  add(value: number, labels: Labels<M>): void;
}
/** One observation returned by a gauge callback. */
export interface GaugeReading<M extends GaugeDef> {
  readonly value: number;
  readonly labels: Labels<M>;
}
export type GaugeCallback<M extends GaugeDef> = () =>
  | Iterable<GaugeReading<M>>
  | Promise<Iterable<GaugeReading<M>>>;

/**
 * A start offset V8 stores as a small integer: arithmetic on `Date.now()` yields a heap number even
 * when integral, so it is truncated to int32 while it fits (about 12 days of process life); later
 * offsets stay numbers and simply cost their box.
 */
function startOffset(ms: number): number {
  return ms >= 0 && ms <= 0x3fffffff ? ms | 0 : ms;
}

/** Records one guarded measurement: validated value and labels, or a counted drop (returns false). */
type Recorder = (value: unknown, labels: unknown) => boolean;

/**
 * Builds guarded instruments on a Meter, one per definition (cached), each with its own
 * label normalizer and series limit.
 */
export function createInstrumentFactory(
  meter: Meter,
  reporter: GuardReporter,
  aggregation?: OwnedAggregation,
  now: () => number = Date.now,
) {
  const recorders = new Map<MetricDef, Recorder>();

  function guarded(def: MetricDef, sink: (value: number, attributes: Attributes) => void): Recorder {
    return checked(def, createLabelNormalizer(def, reporter), sink);
  }

  /** Counters, up-down counters and histograms core aggregates itself: no OTel instrument. */
  function owned(def: MetricDef, target: OwnedAggregation): Recorder {
    const metric = target.register(def);
    const start = () => startOffset(now() - target.epochMs);
    if (metric.kind === 'sum') {
      const { values } = metric;
      const resolve = createSeriesResolver(def, reporter, (attributes) =>
        addSum(metric, attributes, start()),
      );
      return checked(def, resolve, (v, i) => {
        values[i] = values[i]! + v;
      });
    }
    const { boundaries } = metric;
    const resolve = createSeriesResolver(def, reporter, (attributes) =>
      addHistogram(metric, attributes, start()),
    );
    return checked(def, resolve, (v, s) => observe(s, boundaries, v));
  }

  /** The value and currency guards, then the labels' guards, then the sink. */
  function checked<S>(
    def: MetricDef,
    normalize: (labels: Readonly<Record<string, unknown>> | undefined) => S,
    sink: (value: number, series: S) => void,
  ): Recorder {
    const checksCurrency = def.value === 'money' && def.labelKeys.includes('currency');
    return (value, labels) => {
      const bad = checkValue(def, value);
      if (bad) {
        reporter.report(def.name, bad, 'dropped', `value ${describeInput(value)}`);
        return false;
      }
      const input = labels as Readonly<Record<string, unknown>> | undefined;
      if (checksCurrency && !isKnownCurrency(input?.['currency'])) {
        reporter.report(
          def.name,
          'unknown_currency',
          'dropped',
          `label "currency" got ${describeInput(input?.['currency'])}`,
        );
        return false;
      }
      sink(value as number, normalize(input));
      return true;
    };
  }

  function recorder(def: MetricDef): Recorder {
    let rec = recorders.get(def);
    if (rec) return rec;
    const opts = { description: def.description, unit: def.unit };
    if (aggregation && def.kind !== 'gauge') {
      rec = owned(def, aggregation);
    } else if (def.kind === 'counter') {
      const c = meter.createCounter(def.name, opts);
      rec = guarded(def, (v, a) => c.add(v, a));
    } else if (def.kind === 'histogram') {
      const h = meter.createHistogram(def.name, {
        ...opts,
        advice: { explicitBucketBoundaries: [...def.buckets!] },
      });
      rec = guarded(def, (v, a) => h.record(v, a));
    } else if (def.kind === 'updown') {
      const u = meter.createUpDownCounter(def.name, opts);
      rec = guarded(def, (v, a) => u.add(v, a));
    } else {
      throw new TypeError(`${def.name} is a gauge: register it with gauge(def, callback)`);
    }
    recorders.set(def, rec);
    return rec;
  }

  return {
    recorder,
    counter<M extends CounterDef>(def: M): CounterHandle<M> {
      const rec = recorder(def);
      return {
        add: (value, labels) => {
          rec(value, labels);
        },
      };
    },
    histogram<M extends HistogramDef>(def: M): HistogramHandle<M> {
      const rec = recorder(def);
      return {
        record: (value, labels) => {
          rec(value, labels);
        },
      };
    },
    upDown<M extends UpDownDef>(def: M): UpDownHandle<M> {
      const rec = recorder(def);
      return {
        add: (value, labels) => {
          rec(value, labels);
        },
      };
    },
    gauge<M extends GaugeDef>(def: M, callback: GaugeCallback<M>): () => void {
      const gauge = meter.createObservableGauge(def.name, { description: def.description, unit: def.unit });
      const normalize = createLabelNormalizer(def, reporter);
      const observe = async (result: ObservableResult) => {
        let readings: Iterable<GaugeReading<M>>;
        try {
          readings = await callback();
        } catch (error) {
          return reporter.report(def.name, 'callback_failed', 'dropped', String(error));
        }
        if (!isIterable(readings))
          return reporter.report(
            def.name,
            'invalid_input',
            'dropped',
            `callback returned ${describeInput(readings)}`,
          );
        for (const r of readings) {
          const reading = (typeof r === 'object' && r !== null ? r : {}) as Partial<GaugeReading<M>>;
          const bad = checkValue(def, reading.value);
          if (bad) reporter.report(def.name, bad, 'dropped', `value ${describeInput(reading.value)}`);
          else result.observe(reading.value!, normalize(reading.labels as Readonly<Record<string, unknown>>));
        }
      };
      gauge.addCallback(observe);
      return () => gauge.removeCallback(observe);
    },
  };
}
