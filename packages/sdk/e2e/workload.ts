import type { BizMetrics } from '@bizmetrics/core';

/**
 * The deterministic workload of the end-to-end suite: the article's checkout and engagement flows
 * with known totals. Running it `n` times multiplies every count and sum by `n`, and leaves every
 * ratio and quantile unchanged.
 */
export const CHECKOUT = ['cart_view', 'shipping', 'payment', 'review', 'confirmed'] as const;
const SOURCES = ['google', 'email', 'direct'] as const;
const DEVICES = ['desktop', 'mobile'] as const;
/** Last step reached, by journey index modulo 10: 4 stop at cart view, 2 at shipping, … 2 convert. */
const DEPTH = [0, 0, 0, 0, 1, 1, 2, 3, 4, 4];
const REGIONS = [
  { region: 'eu', currency: 'EUR' },
  { region: 'us', currency: 'USD' },
  { region: 'apac', currency: 'USD' },
] as const;
/** Order values in minor units, cycled over the 40 orders. */
const ORDER_VALUES = [1500, 2500, 4000, 7500, 12000];
const CATEGORIES = ['books', 'electronics'] as const;
/** Session durations in seconds by tier, cycled over the sessions. */
const SESSION_SECONDS = { free: [20, 45, 100, 200], premium: [50, 400, 700, 1000] } as const;

export const JOURNEYS = 200;
export const SESSIONS_PER_TIER = 20;

/** Runs the workload once on a business API. */
export function runWorkload(biz: BizMetrics): void {
  const funnel = biz.funnel('checkout', CHECKOUT, { conversionType: 'purchase' });
  let orders = 0;
  for (let i = 0; i < JOURNEYS; i++) {
    const journey = funnel.start({
      source: SOURCES[i % 3]!,
      device_type: DEVICES[i % 2]!,
      experiment_variant: i % 4 < 2 ? 'A' : 'B',
    });
    const depth = DEPTH[i % 10]!;
    for (let s = 0; s <= depth; s++) journey.step(CHECKOUT[s]!);
    if (depth < CHECKOUT.length - 1) {
      journey.end();
      continue;
    }
    const { region, currency } = REGIONS[orders % 3]!;
    biz.revenue({
      amountMinor: ORDER_VALUES[orders % 5]!,
      currency,
      product_category: CATEGORIES[orders % 2]!,
      payment_method: orders % 2 === 0 ? 'card' : 'paypal',
      region,
    });
    orders++;
  }
  biz.refund({
    amountMinor: 2500,
    currency: 'EUR',
    product_category: 'books',
    payment_method: 'card',
    region: 'eu',
  });
  for (const tier of ['free', 'premium'] as const) {
    for (let i = 0; i < SESSIONS_PER_TIER; i++) {
      const newUser = i % 4 === 0;
      biz.sessionStarted({ user_tier: tier, entry_page: '/products/:id' });
      biz.featureUsed({ feature: 'wishlist', user_tier: tier, new_user: newUser });
      if (i % 2 === 0) biz.featureUsed({ feature: 'search', user_tier: tier, new_user: false });
      biz.sessionEnded({
        user_tier: tier,
        entry_page: '/products/:id',
        durationSeconds: SESSION_SECONDS[tier][i % 4]!,
      });
    }
  }
}
