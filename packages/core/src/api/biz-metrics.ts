import type { Meter } from '@opentelemetry/api';
import type { CounterDef, GaugeDef, HistogramDef, Labels, MetricDef, UpDownDef } from '../catalog/metric.ts';
import { orderValueMetric } from '../catalog/order-value.ts';
import { selfCatalog, standardCatalog } from '../catalog/standard.ts';
import { describeInput, isIterable, neverThrow } from '../guards/never-throw.ts';
import { createGuardReporter, type GuardReporter } from '../guards/reporter.ts';
import { type OwnedAggregation, ownedAggregationOf } from './aggregation.ts';
import { createFunnel, type Funnel, type FunnelOptions, type JourneyLabels } from './funnel.ts';
import {
  type CounterHandle,
  createInstrumentFactory,
  type GaugeCallback,
  type HistogramHandle,
  type UpDownHandle,
} from './instruments.ts';

const std = standardCatalog;
type Std = typeof standardCatalog;

/** Options for {@link createBizMetrics}. */
export interface BizMetricsOptions {
  /** The OpenTelemetry meter everything is recorded on. */
  readonly meter: Meter;
  /** `production` (default): bad input is dropped, counted and logged; `strict`: it throws. */
  readonly mode?: 'production' | 'strict';
  /** Where rate-limited diagnostics go (default `console.warn`). */
  readonly log?: (message: string) => void;
  /** Least time between two diagnostics for the same metric and reason (default 60 000 ms). */
  readonly logIntervalMs?: number;
  /** Clock in epoch milliseconds (default `Date.now`). */
  readonly now?: () => number;
  /**
   * The ISO 4217 code most orders are in (default `USD`): the order-value histogram's buckets follow
   * its minor-unit exponent (5 to 5000 major units). An unknown code throws at creation.
   */
  readonly currency?: string;
  /**
   * Sums and histograms are aggregated here by core instead of by OpenTelemetry instruments on
   * `meter` (gauges and self-metrics stay instruments); whoever passes it must export it, as
   * `@bizmetrics/sdk` does with a `MetricProducer` on each of its readers. Default: the one the
   * meter was marked with (`@bizmetrics/sdk` marks the meter of the provider it builds), else
   * instruments.
   */
  readonly aggregation?: OwnedAggregation;
}

/** A money amount: integer minor units (cents for USD) and an ISO 4217 currency. */
export interface MoneyInput {
  readonly amountMinor: number;
  readonly currency: string;
  readonly product_category: string;
  readonly payment_method: string;
  readonly region: string;
}

/** A conversion; `sessionStartedAt` (epoch ms) lets the SDK record time to conversion. */
export interface ConversionInput {
  readonly type: string;
  readonly source: string;
  readonly device_type: string;
  readonly sessionStartedAt?: number;
}

/** An ended session: give its duration in seconds or its start time in epoch ms. */
export interface SessionEndInput {
  readonly user_tier: string;
  readonly entry_page: string;
  readonly durationSeconds?: number;
  readonly startedAt?: number;
}

/** One active-user count reported by the application. */
export interface ActiveUsersReading {
  readonly window: 'daily' | 'weekly' | 'monthly';
  readonly user_tier: string;
  readonly count: number;
}

/** The business API: typed, guarded calls over OpenTelemetry instruments. */
export interface BizMetrics {
  readonly mode: 'production' | 'strict';
  /** Records that a journey reached a funnel step. Prefer {@link BizMetrics.funnel} for whole journeys. */
  funnelStep(labels: Labels<Std['funnelSteps']>): void;
  /** Records a conversion and, given the session start, the time it took. */
  conversion(input: ConversionInput): void;
  /** Records revenue of one order (counter) and its value (histogram). */
  revenue(input: MoneyInput): void;
  /** Records a refund; net revenue is revenue minus refunds in a query. */
  refund(input: MoneyInput): void;
  /** Records one use of a feature. */
  featureUsed(labels: Labels<Std['featureUsage']>): void;
  /** Records an engagement milestone. */
  milestone(labels: Labels<Std['milestones']>): void;
  /** Records a session start. */
  sessionStarted(labels: Labels<Std['sessionsStarted']>): void;
  /** Records an ended session's duration. */
  sessionEnded(input: SessionEndInput): void;
  /** Registers a callback read at each collection; returns a function that unregisters it. */
  onActiveUsers(
    callback: () => Iterable<ActiveUsersReading> | Promise<Iterable<ActiveUsersReading>>,
  ): () => void;
  /** Declares a funnel once; then `funnel.start(labels)` tracks one journey through it. */
  funnel<const S extends string>(name: string, steps: readonly S[], options?: FunnelOptions): Funnel<S>;
  /** A guarded counter for a catalog metric, including your own definitions. */
  counter<M extends CounterDef>(def: M): CounterHandle<M>;
  /** A guarded histogram for a catalog metric. */
  histogram<M extends HistogramDef>(def: M): HistogramHandle<M>;
  /** A guarded up-down counter for a catalog metric. */
  upDown<M extends UpDownDef>(def: M): UpDownHandle<M>;
  /** An observable gauge read through `callback` at each collection. */
  gauge<M extends GaugeDef>(def: M, callback: GaugeCallback<M>): () => void;
  /**
   * Starts known label sets of counters at 0, so rate() and absent()-style alerts see the series
   * before the first event.
   */
  prime<M extends CounterDef>(def: M, labelSets: Iterable<Labels<M>>): void;
}

/** Creates the business API on a meter. No call of the returned object throws in production mode. */
export function createBizMetrics(options: BizMetricsOptions): BizMetrics {
  const mode = options.mode ?? 'production';
  const orderValue = options.currency === undefined ? std.orderValue : orderValueMetric(options.currency);
  const now = options.now ?? Date.now;
  const log = options.log ?? defaultLog;
  const reporter: GuardReporter = createGuardReporter({
    strict: mode === 'strict',
    counter: options.meter.createCounter(selfCatalog.guardEvents.name, {
      description: selfCatalog.guardEvents.description,
      unit: selfCatalog.guardEvents.unit,
    }),
    log,
    now,
    logIntervalMs: options.logIntervalMs ?? 60_000,
  });
  const instruments = createInstrumentFactory(
    options.meter,
    reporter,
    options.aggregation ?? ownedAggregationOf(options.meter),
  );
  const rec = (def: MetricDef) => instruments.recorder(def);
  // Contract 3: whatever went wrong below the guards, the host keeps running and the drop is counted.
  const shield = <A, B = undefined>(name: string, fn: (a: A, b: B) => void) =>
    neverThrow<A, B>(mode === 'strict', (error) => internalError(name, error), fn);
  const internalError = (name: string, error: unknown) =>
    reporter.report(
      name,
      'internal_error',
      'dropped',
      error instanceof Error ? error.message : describeInput(error),
    );
  /** The argument of an object-taking call, or undefined (dropped, counted) when it is not an object. */
  const record = (
    metric: string,
    input: unknown,
    fields: string,
  ): Readonly<Record<string, unknown>> | undefined => {
    if (typeof input === 'object' && input !== null) return input as Readonly<Record<string, unknown>>;
    reporter.report(
      metric,
      'invalid_input',
      'dropped',
      `input must be an object with ${fields}, got ${describeInput(input)}`,
    );
    return undefined;
  };

  function conversion(given: ConversionInput): void {
    const input = record(std.conversions.name, given, 'type, source, device_type') as
      | ConversionInput
      | undefined;
    if (!input) return;
    rec(std.conversions)(1, { type: input.type, source: input.source, device_type: input.device_type });
    if (input.sessionStartedAt !== undefined)
      rec(std.conversionDuration)(secondsSince(input.sessionStartedAt, now), { type: input.type });
  }

  function money(def: CounterDef, given: MoneyInput): boolean {
    const input = record(def.name, given, 'amountMinor, currency, product_category, payment_method, region');
    if (!input) return false;
    const { amountMinor, ...labels } = input;
    return rec(def)(amountMinor, labels);
  }

  const funnelSinks = {
    reporter,
    now,
    shield: (name: string, fn: (a: unknown) => void) =>
      shield<unknown>(name, (a) => fn(a)) as (a?: unknown) => void,
    step: (funnel: string, step: string, l: JourneyLabels) => rec(std.funnelSteps)(1, { funnel, step, ...l }),
    abandon: (funnel: string, step: string) => rec(std.funnelAbandonments)(1, { funnel, step }),
    anomaly: (funnel: string, step: string, kind: string) =>
      rec(selfCatalog.funnelAnomalies)(1, { funnel, step, kind }),
    convert: (type: string, l: JourneyLabels, startedAt: number) =>
      conversion({ type, source: l.source, device_type: l.device_type, sessionStartedAt: startedAt }),
  };

  return {
    mode,
    funnelStep: shield('funnelStep', (labels) => rec(std.funnelSteps)(1, labels)),
    conversion: shield('conversion', conversion),
    revenue: shield('revenue', (input: MoneyInput) => {
      // The order value is recorded only for revenue the guards accepted: one finding per bad order.
      if (money(std.revenue, input))
        rec(orderValue)(input.amountMinor, {
          currency: input.currency,
          product_category: input.product_category,
        });
    }),
    refund: shield('refund', (input: MoneyInput) => {
      money(std.refunds, input);
    }),
    featureUsed: shield('featureUsed', (labels) => rec(std.featureUsage)(1, labels)),
    milestone: shield('milestone', (labels) => rec(std.milestones)(1, labels)),
    sessionStarted: shield('sessionStarted', (labels) => rec(std.sessionsStarted)(1, labels)),
    sessionEnded: shield('sessionEnded', (given: SessionEndInput) => {
      const input = record(
        std.sessionDuration.name,
        given,
        'user_tier, entry_page, durationSeconds or startedAt',
      ) as SessionEndInput | undefined;
      if (!input) return;
      const seconds =
        input.durationSeconds ??
        (input.startedAt !== undefined ? secondsSince(input.startedAt, now) : undefined);
      rec(std.sessionDuration)(seconds, { user_tier: input.user_tier, entry_page: input.entry_page });
    }),
    onActiveUsers: (callback) =>
      // Whatever the callback returns or throws is checked at collection time, where it is counted.
      instruments.gauge(std.activeUsers, async () =>
        Array.from(await callback(), (r) => ({
          value: r.count,
          labels: { window: r.window, user_tier: r.user_tier },
        })),
      ),
    funnel: (name, steps, funnelOptions) => createFunnel(name, steps, funnelSinks, funnelOptions),
    counter: (def) => instruments.counter(def),
    histogram: (def) => instruments.histogram(def),
    upDown: (def) => instruments.upDown(def),
    gauge: (def, callback) => instruments.gauge(def, callback),
    prime: shield('prime', (def: CounterDef, labelSets: Iterable<Labels<CounterDef>>) => {
      if (!isIterable(labelSets))
        return reporter.report(
          def.name,
          'invalid_input',
          'dropped',
          `labelSets must be iterable, got ${describeInput(labelSets)}`,
        );
      for (const labels of labelSets) rec(def)(0, labels);
    }),
  };
}

function secondsSince(startedAtMs: number, now: () => number): number {
  // Anything but a number (a symbol or bigint would throw here) becomes NaN, which the guards count.
  return typeof startedAtMs === 'number' ? (now() - startedAtMs) / 1000 : Number.NaN;
}

/** `console.warn` where the platform has a console; core uses no Node or DOM API beyond that. */
function defaultLog(message: string): void {
  (globalThis as { console?: { warn(message: string): void } }).console?.warn(message);
}
