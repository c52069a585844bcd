import { standardCatalog as c, type MetricDef, promName } from '@bizmetrics/core';
import { promCount, promSum } from '@bizmetrics/core/prometheus';
import { createRng } from '@bizmetrics/core/random';
import { CHECKOUT_STEPS } from '@bizmetrics/rules/kpi';
import { DEFAULT_HOLIDAYS, DEFAULT_INCIDENTS, effectAt, type Holiday, type Incident } from './incidents.ts';
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
  readonly holidays?: readonly Holiday[];
}

/** Step-to-step probabilities of the checkout funnel (cart view → … → confirmed ≈ 48%). */
const STEP_PROBABILITY = [0.7, 0.85, 0.9, 0.9] as const;
const REGIONS = [
  { region: 'eu', currency: 'EUR', share: 0.6 },
  { region: 'us', currency: 'USD', share: 0.4 },
] as const;
const METHODS = [
  { method: 'card', share: 0.7 },
  { method: 'paypal', share: 0.3 },
] as const;
const SCRAPE = { job: 'shop', instance: 'shop-1:9464' } as const;

/**
 * Simulates the checkout shop minute by minute: seasonal visitors with noise, the funnel as
 * binomial draws (split by payment method at the payment step and by region at the last), order
 * values, abandonments by last step, sessions and feature uses, with the incidents' and holidays'
 * effects applied. Deterministic for a seed.
 */
export function simulateShop(options: ShopOptions = {}): SimSeries[] {
  const minutes = (options.weeks ?? 5) * 10_080;
  const rng = createRng(options.seed ?? 42);
  const incidents = options.incidents ?? DEFAULT_INCIDENTS;
  const holidays = options.holidays ?? DEFAULT_HOLIDAYS;
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
      s = {
        family: metric.name.replaceAll('.', '_'),
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
  const revenue = REGIONS.map((r) =>
    METHODS.map((m) =>
      counter(c.revenue, { currency: r.currency, region: r.region, payment_method: m.method }),
    ),
  );
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
    const e = effectAt(incidents, holidays, m);
    const visitors = expectedTraffic(m, options) * e.traffic;
    const carts = rng.poissonApprox(visitors);
    const shipping = rng.binomial(carts, STEP_PROBABILITY[0]);
    const payment = rng.binomial(shipping, STEP_PROBABILITY[1]);
    // Payment method chosen at the payment step; a method that is down passes nobody to review.
    let left = payment;
    const byMethod = METHODS.map((method, i) => {
      const n = i === METHODS.length - 1 ? left : rng.binomial(payment, method.share);
      left -= n;
      const review = e.methodDown.has(method.method) ? 0 : rng.binomial(n, STEP_PROBABILITY[2]);
      const candidates = rng.binomial(review, STEP_PROBABILITY[3] * e.confirm);
      // The region is the buyer's; a region that is down confirms nothing.
      const inFirst = rng.binomial(candidates, REGIONS[0].share);
      const confirmed = REGIONS.map((r, j) =>
        e.regionDown.has(r.region) ? 0 : j === 0 ? inFirst : candidates - inFirst,
      );
      return { review, confirmed };
    });
    const review = byMethod.reduce((a, x) => a + x.review, 0);
    const confirmed = byMethod.reduce((a, x) => a + x.confirmed[0]! + x.confirmed[1]!, 0);
    const reached = [carts, shipping, payment, review, confirmed];
    for (const [i, s] of steps.entries()) add(s, m, reached[i]!);
    for (const [i, s] of abandoned.entries()) add(s, m, reached[i]! - reached[i + 1]!);
    REGIONS.forEach((_r, j) => {
      let count = 0;
      let total = 0;
      METHODS.forEach((_method, i) => {
        let sum = 0;
        const n = byMethod[i]!.confirmed[j]!;
        for (let k = 0; k < n; k++) sum += Math.round(Math.exp(8.5 + 0.5 * rng.normal()) * e.orderValue);
        add(revenue[j]![i]!, m, sum);
        count += n;
        total += sum;
      });
      add(orders[j]!, m, count);
      add(orderSum[j]!, m, total);
    });
    const started = rng.poissonApprox(visitors * 3);
    add(sessions, m, started);
    add(usage.newUsers, m, rng.poissonApprox(started * 0.2 * 0.8));
    add(usage.existing, m, rng.poissonApprox(started * 0.8 * 1.5));
  }
  return [...series.values()];
}
