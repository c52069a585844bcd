import type { Attributes, Meter } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GUARD_REASONS } from '../src/guards/reasons.ts';
import {
  type BizMetrics,
  BizMetricsInputError,
  createBizMetrics,
  defineMetric,
  standardCatalog as std,
} from '../src/index.ts';
import { OnDemandReader } from './harness.ts';

// Contract 3, proven rather than assumed: every public recording call of the business API, fed
// arbitrary input, never throws in production mode and counts by reason what it drops or maps;
// in strict mode it throws a BizMetricsInputError naming the metric and the field.

/** One measurement that reached an OpenTelemetry instrument. */
interface Seen {
  readonly name: string;
  readonly attributes: Attributes;
}

/**
 * The business API on a real MeterProvider whose meter notes every measurement that reaches an
 * instrument (the business metrics and the guard self-metric alike) before passing it on.
 */
function spiedBizMetrics(mode: 'production' | 'strict') {
  const reader = new OnDemandReader();
  const provider = new MeterProvider({ readers: [reader] });
  const real = provider.getMeter('property');
  const seen: Seen[] = [];
  const spy = <T extends object>(name: string, instrument: T, method: 'add' | 'record'): T =>
    new Proxy(instrument, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== method) return value;
        return (v: number, attributes: Attributes = {}) => {
          seen.push({ name, attributes });
          (value as (v: number, a: Attributes) => void).call(target, v, attributes);
        };
      },
    });
  const meter: Meter = {
    ...real,
    createCounter: (name, o) => spy(name, real.createCounter(name, o), 'add'),
    createHistogram: (name, o) => spy(name, real.createHistogram(name, o), 'record'),
    createUpDownCounter: (name, o) => spy(name, real.createUpDownCounter(name, o), 'add'),
    createObservableGauge: (name, o) => real.createObservableGauge(name, o),
    createGauge: (name, o) => real.createGauge(name, o),
    createObservableCounter: (name, o) => real.createObservableCounter(name, o),
    createObservableUpDownCounter: (name, o) => real.createObservableUpDownCounter(name, o),
    addBatchObservableCallback: (cb, obs) => real.addBatchObservableCallback(cb, obs),
    removeBatchObservableCallback: (cb, obs) => real.removeBatchObservableCallback(cb, obs),
  };
  const biz = createBizMetrics({ meter, mode, log: () => {}, now: () => 1_000_000 });
  return { biz, seen, collect: () => reader.collect() };
}

const GUARD = 'bizmetrics.guard.events';

/** fast-check's widest values: null-prototype objects, boxed values, bigints, sparse arrays, … */
const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  maxDepth: 2,
});

/** Label values a caller might really pass, personal data among them, or anything at all. */
const labelValue = fc.oneof(
  fc.constantFrom('books', 'desktop', 'premium', 'checkout', 'other', 'true', '', 'x'.repeat(100)),
  fc.constantFrom(
    'ann@example.com',
    '+44 20 7946 0958',
    '4111 1111 1111 1111',
    '192.168.10.20',
    '2001:db8::1',
  ),
  fc.string(),
  anything,
);

/** A label bag for declared keys: some present, some wrong, some extra. */
const labelsFor = (keys: readonly string[]) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record(Object.fromEntries([...keys, 'extra_key'].map((k) => [k, labelValue])), {
        requiredKeys: [],
      }),
    },
    { weight: 1, arbitrary: anything },
  );

const numberLike = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60),
  anything,
);

const moneyInput = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        amountMinor: numberLike,
        currency: fc.oneof(fc.constantFrom('USD', 'JPY', 'BHD', 'usd', 'XXX'), anything),
        product_category: labelValue,
        payment_method: labelValue,
        region: labelValue,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anything },
);

const custom = {
  counter: defineMetric({
    kind: 'counter',
    name: 'shop.items',
    unit: '{item}',
    description: 'Items.',
    owner: 't',
    labels: { kind: {} },
  }),
  histogram: defineMetric({
    kind: 'histogram',
    name: 'shop.latency.seconds',
    unit: 's',
    description: 'Latency.',
    owner: 't',
    labels: { route: { maxLength: 20 } },
    buckets: [0.1, 1],
  }),
  upDown: defineMetric({
    kind: 'updown',
    name: 'shop.queue',
    unit: '{job}',
    description: 'Queue.',
    owner: 't',
    labels: { queue: { values: ['a', 'b'] } },
  }),
};

/** One public call: what it records when all is well, and how to make it with generated input. */
interface Call {
  readonly label: string;
  /** Metric names the call records on (the first names it in strict-mode errors). */
  readonly metrics: readonly string[];
  /** Measurements a clean call makes; fewer means something was dropped. */
  readonly expected: number;
  run(biz: BizMetrics): void;
}

const STEPS = ['cart', 'pay', 'done'] as const;

const callArb: fc.Arbitrary<Call> = fc.oneof(
  labelsFor(std.funnelSteps.labelKeys).map((l) => ({
    label: `funnelStep(${fmt(l)})`,
    metrics: [std.funnelSteps.name],
    expected: 1,
    run: (b: BizMetrics) => b.funnelStep(l as never),
  })),
  fc
    .oneof(
      fc.record(
        {
          type: labelValue,
          source: labelValue,
          device_type: labelValue,
          sessionStartedAt: fc.option(numberLike, { nil: undefined }),
        },
        { requiredKeys: [] },
      ),
      anything,
    )
    .map((input) => ({
      label: `conversion(${fmt(input)})`,
      metrics: [std.conversions.name, std.conversionDuration.name],
      expected:
        isObject(input) && (input as { sessionStartedAt?: unknown }).sessionStartedAt !== undefined ? 2 : 1,
      run: (b: BizMetrics) => b.conversion(input as never),
    })),
  moneyInput.map((input) => ({
    label: `revenue(${fmt(input)})`,
    metrics: [std.revenue.name, std.orderValue.name],
    expected: 2,
    run: (b: BizMetrics) => b.revenue(input as never),
  })),
  moneyInput.map((input) => ({
    label: `refund(${fmt(input)})`,
    metrics: [std.refunds.name],
    expected: 1,
    run: (b: BizMetrics) => b.refund(input as never),
  })),
  labelsFor(std.featureUsage.labelKeys).map((l) => ({
    label: `featureUsed(${fmt(l)})`,
    metrics: [std.featureUsage.name],
    expected: 1,
    run: (b: BizMetrics) => b.featureUsed(l as never),
  })),
  labelsFor(std.milestones.labelKeys).map((l) => ({
    label: `milestone(${fmt(l)})`,
    metrics: [std.milestones.name],
    expected: 1,
    run: (b: BizMetrics) => b.milestone(l as never),
  })),
  labelsFor(std.sessionsStarted.labelKeys).map((l) => ({
    label: `sessionStarted(${fmt(l)})`,
    metrics: [std.sessionsStarted.name],
    expected: 1,
    run: (b: BizMetrics) => b.sessionStarted(l as never),
  })),
  fc
    .oneof(
      fc.record(
        { user_tier: labelValue, entry_page: labelValue, durationSeconds: numberLike, startedAt: numberLike },
        { requiredKeys: [] },
      ),
      anything,
    )
    .map((input) => ({
      label: `sessionEnded(${fmt(input)})`,
      metrics: [std.sessionDuration.name],
      expected: 1,
      run: (b: BizMetrics) => b.sessionEnded(input as never),
    })),
  fc.tuple(numberLike, labelsFor(custom.counter.labelKeys)).map(([v, l]) => ({
    label: `counter.add(${fmt(v)}, ${fmt(l)})`,
    metrics: [custom.counter.name],
    expected: 1,
    run: (b: BizMetrics) => b.counter(custom.counter).add(v as never, l as never),
  })),
  fc.tuple(numberLike, labelsFor(custom.histogram.labelKeys)).map(([v, l]) => ({
    label: `histogram.record(${fmt(v)}, ${fmt(l)})`,
    metrics: [custom.histogram.name],
    expected: 1,
    run: (b: BizMetrics) => b.histogram(custom.histogram).record(v as never, l as never),
  })),
  fc.tuple(numberLike, labelsFor(custom.upDown.labelKeys)).map(([v, l]) => ({
    label: `upDown.add(${fmt(v)}, ${fmt(l)})`,
    metrics: [custom.upDown.name],
    expected: 1,
    run: (b: BizMetrics) => b.upDown(custom.upDown).add(v as never, l as never),
  })),
  fc.oneof(fc.array(labelsFor(custom.counter.labelKeys), { maxLength: 3 }), anything).map((sets) => ({
    label: `prime(${fmt(sets)})`,
    metrics: [custom.counter.name],
    expected: iterable(sets) ? Array.from(sets as Iterable<unknown>).length : 1,
    run: (b: BizMetrics) => b.prime(custom.counter, sets as never),
  })),
  // A whole journey: a declared (or badly declared) funnel, started with arbitrary labels, and
  // one arbitrary step. Each step call records a step, flags an anomaly or counts a drop.
  fc
    .tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constant('checkout') }, { weight: 1, arbitrary: anything }),
      fc.oneof({ weight: 4, arbitrary: fc.constant(STEPS) }, { weight: 1, arbitrary: anything }),
      fc.option(anything, { nil: undefined }),
      labelsFor(['source', 'device_type', 'experiment_variant']),
      fc.option(anything, { nil: undefined }),
      fc.oneof(fc.constantFrom(...STEPS), anything),
    )
    .map(([name, steps, options, labels, startOptions, step]) => ({
      label: `funnel(${fmt(name)}, ${fmt(steps)}, ${fmt(options)}).start(${fmt(labels)}, ${fmt(startOptions)}).step(${fmt(step)})`,
      metrics: [`funnel ${typeof name === 'string' ? name : ''}`, std.funnelSteps.name, std.conversions.name],
      expected: 1,
      run: (b: BizMetrics) => {
        const journey = b
          .funnel(name as never, steps as never, options as never)
          .start(labels as never, startOptions as never);
        journey.step(step as never);
        journey.end();
      },
    })),
);

function iterable(v: unknown): boolean {
  return typeof (v as { [Symbol.iterator]?: unknown } | null | undefined)?.[Symbol.iterator] === 'function';
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

/** A short, never-throwing rendering of generated input for counterexample reports. */
function fmt(v: unknown): string {
  try {
    return fc.stringify(v);
  } catch {
    return '<unprintable>';
  }
}

const steps = (name: string) => (s: Seen) => s.name === name;

describe('recording contract (property-based, fast-check)', () => {
  it('production: no call throws, every drop is counted by a known reason, every `other` is counted as mapped', () => {
    const known = new Set<string>(GUARD_REASONS.filter((r) => r !== 'internal_error'));
    fc.assert(
      fc.property(fc.array(callArb, { minLength: 1, maxLength: 12 }), (calls) => {
        const { biz, seen } = spiedBizMetrics('production');
        for (const call of calls) {
          const before = seen.length;
          expect(() => call.run(biz)).not.toThrow();
          const made = seen.slice(before);
          const guard = made.filter(steps(GUARD));
          for (const g of guard)
            expect(known, `${call.label}: ${fmt(g.attributes)}`).toContain(g.attributes['reason']);
          const business = made.filter((s) => s.name !== GUARD);
          const dropped = guard.filter((g) => g.attributes['action'] === 'dropped').length;
          const mapped = guard.filter((g) => g.attributes['action'] === 'mapped').length;
          const anomalies = business.filter(steps('bizmetrics.funnel.anomalies')).length;
          const recorded = business.length - anomalies;
          // What the call did not record, it counted as dropped (or, for journeys, flagged).
          if (recorded < call.expected) expect(dropped + anomalies, call.label).toBeGreaterThan(0);
          // A label it turned into `other` was counted as mapped (or the series limit folded it).
          const others = business.some((s) => Object.values(s.attributes).includes('other'));
          const gaveOther = call.label.includes("'other'") || call.label.includes('"other"');
          if (others && !gaveOther) expect(mapped, call.label).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('production: gauges and active users survive any callback at collection, counting what they drop', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(
            fc.oneof(fc.record({ value: numberLike, labels: labelsFor(['window', 'user_tier']) }), anything),
            { maxLength: 4 },
          ),
          anything,
        ),
        fc.boolean(),
        async (readings, throws) => {
          const { biz, seen, collect } = spiedBizMetrics('production');
          const callback = () => {
            if (throws) throw new Error('callback broke');
            return readings as never;
          };
          biz.gauge(std.activeUsers, callback);
          biz.onActiveUsers(callback);
          const { errors } = await collect();
          expect(errors).toEqual([]);
          const guard = seen.filter(steps(GUARD));
          for (const g of guard) expect(GUARD_REASONS).toContain(g.attributes['reason']);
          expect(guard.map((g) => g.attributes['reason'])).not.toContain('internal_error');
          if (throws)
            expect(guard.filter((g) => g.attributes['reason'] === 'callback_failed')).toHaveLength(2);
          if (!throws && !iterable(readings))
            expect(guard.filter((g) => g.attributes['action'] === 'dropped').length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('strict: a call either records cleanly or throws BizMetricsInputError naming the metric and the field', () => {
    fc.assert(
      fc.property(callArb, (call) => {
        const { biz, seen } = spiedBizMetrics('strict');
        try {
          call.run(biz);
        } catch (error) {
          expect(error, call.label).toBeInstanceOf(BizMetricsInputError);
          const e = error as BizMetricsInputError;
          expect(
            call.metrics.some(
              (m) => e.metric === m || (m.startsWith('funnel ') && e.metric.startsWith('funnel ')),
            ),
            `${call.label} threw for ${e.metric}`,
          ).toBe(true);
          expect(e.message.startsWith(`${e.metric}: ${e.reason}: `), e.message).toBe(true);
          expect(e.message, call.label).toMatch(
            /(label "[^"]*"|\bvalue\b|\binput\b|\bsteps\b|\bname\b|\boptions(\.conversionType)?\b|\bstep\b|\blabelSets\b|\blabels?\b)/,
          );
          return;
        }
        expect(seen.filter(steps(GUARD)), call.label).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
