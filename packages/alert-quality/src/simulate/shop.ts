import { standardCatalog as c, type MetricDef, promCount, promName, promSum } from '@bizmetrics/core';
import { CHECKOUT_STEPS } from '../kpi/default-config.ts';
import { DEFAULT_INCIDENTS, effectAt, type Incident } from './incidents.ts';
import { createRng } from './rng.ts';
import { expectedTraffic, type SeasonalityOptions } from './seasonality.ts';

/** One simulated counter series: cumulative values, one per minute from minute 0. */
export interface SimSeries {
  readonly family: string;
  readonly type: 'counter' | 'histogram';
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly values: Float64Array;
}

/** Options for {@link simulateShop}. */
export interface ShopOptions extends SeasonalityOptions {
  readonly weeks?: number;
  readonly seed?: number;
  readonly incidents?: readonly Incident[];
}

/** Step-to-step probabilities of the checkout funnel (cart view → … → confirmed ≈ 48%). */
const STEP_PROBABILITY = [0.7, 0.85, 0.9, 0.9] as const;
const REGIONS = [
  { region: 'eu', currency: 'EUR', share: 0.6 },
  { region: 'us', currency: 'USD', share: 0.4 },
] as const;
const SCRAPE = { job: 'shop', instance: 'shop-1:9464' } as const;

/**
 * Simulates the checkout shop minute by minute: seasonal cart views with noise, the funnel as
 * binomial draws, abandonments by last step, order values, sessions and feature uses, with the
 * incidents' effects applied. Deterministic for a seed.
 */
export function simulateShop(options: ShopOptions = {}): SimSeries[] {
  const minutes = (options.weeks ?? 3) * 10_080;
  const rng = createRng(options.seed ?? 42);
  const incidents = options.incidents ?? DEFAULT_INCIDENTS;
  const series = new Map<string, SimSeries>();
  const counter = (
    metric: MetricDef,
    labels: Record<string, string>,
    kind: 'total' | 'count' | 'sum' = 'total',
  ) => {
    const name = kind === 'total' ? promName(metric) : kind === 'count' ? promCount(metric) : promSum(metric);
    const key = `${name}${JSON.stringify(labels)}`;
    let s = series.get(key);
    if (!s) {
      const family = metric.name.replaceAll('.', '_');
      s = {
        family,
        type: kind === 'total' ? 'counter' : 'histogram',
        name,
        labels: { ...labels, ...SCRAPE },
        values: new Float64Array(minutes),
      };
      series.set(key, s);
    }
    return s.values;
  };
  const steps = CHECKOUT_STEPS.map((step) => counter(c.funnelSteps, { funnel: 'checkout', step }));
  const abandoned = CHECKOUT_STEPS.slice(0, -1).map((step) =>
    counter(c.funnelAbandonments, { funnel: 'checkout', step }),
  );
  const revenue = REGIONS.map((r) => counter(c.revenue, { currency: r.currency, region: r.region }));
  const orders = REGIONS.map((r) => counter(c.orderValue, { currency: r.currency }, 'count'));
  const orderSum = REGIONS.map((r) => counter(c.orderValue, { currency: r.currency }, 'sum'));
  const sessions = counter(c.sessionsStarted, { user_tier: 'free' });
  const usage = {
    newUsers: counter(c.featureUsage, { feature: 'search', new_user: 'true', user_tier: 'free' }),
    existing: counter(c.featureUsage, { feature: 'search', new_user: 'false', user_tier: 'free' }),
  };

  const add = (values: Float64Array, m: number, v: number) => {
    values[m] = (m > 0 ? values[m - 1]! : 0) + v;
  };
  for (let m = 0; m < minutes; m++) {
    const e = effectAt(incidents, m);
    const reached = [rng.poisson(expectedTraffic(m, options))];
    const p = [
      STEP_PROBABILITY[0],
      STEP_PROBABILITY[1],
      STEP_PROBABILITY[2] * e.paymentFactor,
      STEP_PROBABILITY[3] * e.confirmFactor,
    ];
    for (let i = 0; i < p.length; i++) reached.push(rng.binomial(reached[i]!, p[i]!));
    for (const [i, s] of steps.entries()) add(s, m, reached[i]!);
    for (const [i, s] of abandoned.entries()) add(s, m, reached[i]! - reached[i + 1]!);
    const confirmed = reached[reached.length - 1]!;
    const inFirstRegion = rng.binomial(confirmed, REGIONS[0].share);
    REGIONS.forEach((_r, i) => {
      const count = i === 0 ? inFirstRegion : confirmed - inFirstRegion;
      let sum = 0;
      for (let k = 0; k < count; k++)
        sum += Math.round(Math.exp(8.5 + 0.5 * rng.normal()) * e.orderValueFactor);
      add(revenue[i]!, m, sum);
      add(orderSum[i]!, m, sum);
      add(orders[i]!, m, count);
    });
    const started = rng.poisson(expectedTraffic(m, options) * 3);
    add(sessions, m, started);
    add(usage.newUsers, m, rng.poisson(started * 0.2 * 0.8 * e.newUserUsageFactor));
    add(usage.existing, m, rng.poisson(started * 0.8 * 1.5));
  }
  return [...series.values()];
}
