import { createRng } from '@bizmetrics/core/random';
import { NORMAL_PAYMENTS } from '../shop/payment.ts';
import { DEFAULT_MIX, type TrafficMix } from './mix.ts';
import { planVisit } from './visit-plan.ts';

/** KPI values the shop should show under normal traffic at a given rate. */
export interface ExpectedKpis {
  readonly cartViewsPerMinute: number;
  /** confirmed / cart_view. */
  readonly conversion: number;
  /** abandonments / cart_view. */
  readonly abandonment: number;
  /** review / payment. */
  readonly paymentToReview: number;
  /** Orders and revenue per minute in one currency. */
  readonly ordersPerMinute: Readonly<Record<string, number>>;
  readonly revenueMinorPerMinute: Readonly<Record<string, number>>;
  readonly newUserFeatureUsesPerMinute: number;
  readonly sessionsPerMinute: number;
}

/**
 * Expected KPIs of a mix at `visitorsPerSecond`, by playing `samples` planned visits against the
 * shop's normal payment behaviour (no HTTP): the demo's alert thresholds are fractions of these.
 */
export function expectedKpis(
  visitorsPerSecond: number,
  mix: TrafficMix = DEFAULT_MIX,
  samples = 40_000,
): ExpectedKpis {
  const rng = createRng(12345);
  const fail = NORMAL_PAYMENTS.declineRate + NORMAL_PAYMENTS.timeoutRate;
  let carts = 0;
  let payments = 0;
  let reviews = 0;
  let confirmed = 0;
  let newUserFeatures = 0;
  const orders: Record<string, number> = {};
  const revenue: Record<string, number> = {};
  for (let i = 0; i < samples; i++) {
    const v = planVisit(rng, mix, i);
    if (v.newUser) newUserFeatures += v.features.length;
    const c = v.checkout;
    if (!c) continue;
    carts++;
    const order = ['cart_view', 'shipping', 'payment', 'review', 'confirmed'];
    const wants = (s: string) => order.indexOf(c.intent) >= order.indexOf(s);
    if (!wants('payment')) continue;
    payments++;
    if (!wants('review')) continue;
    // Approved first time, or declined (not timed out) and approved on the one retry.
    const approved = 1 - fail + (c.retryAfterDecline ? NORMAL_PAYMENTS.declineRate * (1 - fail) : 0);
    reviews += approved;
    if (!wants('confirmed')) continue;
    confirmed += approved;
    orders[c.currency] = (orders[c.currency] ?? 0) + approved;
    revenue[c.currency] = (revenue[c.currency] ?? 0) + approved * c.cartMinor;
  }
  const perMinute = (n: number) => (n / samples) * visitorsPerSecond * 60;
  const scale = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).map(([k, n]) => [k, perMinute(n)]));
  return {
    cartViewsPerMinute: perMinute(carts),
    conversion: confirmed / carts,
    abandonment: 1 - confirmed / carts,
    paymentToReview: reviews / payments,
    ordersPerMinute: scale(orders),
    revenueMinorPerMinute: scale(revenue),
    newUserFeatureUsesPerMinute: perMinute(newUserFeatures),
    sessionsPerMinute: visitorsPerSecond * 60,
  };
}
