import { type BizMetrics, type CounterDef, createBizMetrics, type MetricDef } from '@bizmetrics/core';
import { type HistogramDef, selfCatalog } from '@bizmetrics/core/catalog';
import type { Meter, MeterProvider } from '@opentelemetry/api';
import type { BrowserMetric } from './browser-catalog.ts';
import { replayHistogram } from './histogram-replay.ts';
import type { Delta, Finding } from './validate.ts';

/** Where browser data is recorded, with budgets of its own. */
export interface BrowserBudget {
  /** Adds one validated delta: counters add, histograms replay their observations. */
  add(delta: Delta): void;
  /** Counts a finding in `bizmetrics.gateway.guard.events`. */
  count(finding: Finding): void;
  /** The gateway's own request counter. */
  readonly requests: ReturnType<BizMetrics['counter']>;
  /** False when browser series share the service's budgets (no meter was available). */
  readonly separate: boolean;
}

/** Options for {@link createBrowserBudget}. */
export interface BrowserBudgetOptions {
  /** The service's business API; its meter is used when it is the SDK's handle. */
  readonly metrics: BizMetrics & { readonly meterProvider?: MeterProvider };
  /** The meter the service records on (same instruments); default: the SDK handle's. */
  readonly meter?: Meter;
  /** Most browser label sets per metric (capped at the catalog's `seriesLimit`). */
  readonly seriesLimit: number;
  readonly log?: (message: string) => void;
}

/** The meter scope `@bizmetrics/sdk` records on (its `startBizMetrics`). */
const SDK_SCOPE = '@bizmetrics/sdk';

/**
 * Browser data goes through a business API of its own on the service's meter: the same OTel
 * instruments (so browser and server events of one label set are one series), but its own label
 * normalizers, hence its own series budget per metric, and its own guard self-metric
 * (`bizmetrics.gateway.guard.events`). A flood of invented label values from browsers fills only the
 * browser budget (then `other`); the service's own new series are never pushed into `other`, and
 * the service's `bizmetrics.guard.events` — and the alerts on it — never see browser data.
 */
export function createBrowserBudget(options: BrowserBudgetOptions): BrowserBudget {
  const meter = options.meter ?? options.metrics.meterProvider?.getMeter(SDK_SCOPE);
  const biz = meter
    ? createBizMetrics({ meter: withGuardMetric(meter, selfCatalog.gatewayGuardEvents), log: options.log })
    : options.metrics;
  const budgeted = new Map<MetricDef, MetricDef>();
  const budget = (def: MetricDef): MetricDef => {
    let copy = budgeted.get(def);
    if (!copy) {
      copy = { ...def, seriesLimit: Math.min(def.seriesLimit, options.seriesLimit) };
      budgeted.set(def, copy);
    }
    return copy;
  };
  const guard = biz.counter(selfCatalog.gatewayGuardEvents);
  return {
    separate: meter !== undefined,
    requests: biz.counter(selfCatalog.gatewayRequests),
    count: (f) => guard.add(f.count ?? 1, { metric: f.metric, reason: f.reason, action: f.action }),
    add(delta) {
      const target = recordedAs(delta.metric);
      if (delta.kind === 'counter') {
        biz.counter(budget(target) as CounterDef).add(delta.value, delta.labels as never);
        return;
      }
      const histogram = biz.histogram(budget(target) as HistogramDef);
      const values = replayHistogram(
        { bounds: target.buckets ?? [], bucketCounts: delta.bucketCounts, sum: delta.sum },
        delta.metric.maxValue ?? 0,
      );
      for (const value of values) histogram.record(value, delta.labels as never);
    },
  };
}

function recordedAs(metric: BrowserMetric): MetricDef {
  return metric.recordAs ?? metric.def;
}

/**
 * The meter with core's guard counter (`bizmetrics.guard.events`) swapped for `def`: what the
 * browser budget's guards find is counted apart from the service's own guard events.
 */
function withGuardMetric(meter: Meter, def: CounterDef): Meter {
  return new Proxy(meter, {
    get(target, property) {
      if (property === 'createCounter')
        return (name: string, opts?: Parameters<Meter['createCounter']>[1]) =>
          name === selfCatalog.guardEvents.name
            ? target.createCounter(def.name, { description: def.description, unit: def.unit })
            : target.createCounter(name, opts);
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
