import { standardCatalog as c, promName } from '@bizmetrics/core';
import { promCount } from '@bizmetrics/core/prometheus';
import { ONE_VISIT } from './visitor.ts';

/**
 * The business metrics a visit records (contract 6: engagement only). No session duration: a visit's
 * session has not ended when the visit is over (it ends after inactivity; sessions.e2e.test.ts).
 */
export const VISIT_METRICS = [c.funnelSteps, c.featureUsage, c.milestones, c.sessionsStarted];

/**
 * The counters the tests read, by Prometheus series and labels. Names come from `promName()` /
 * `promCount()` (contract 1), so every path must produce exactly those names to read the totals.
 */
export const SERIES = {
  searches: [promName(c.featureUsage), { feature: 'search', user_tier: 'premium', new_user: 'false' }],
  invites: [promName(c.milestones), { milestone: 'invited_teammate', user_tier: 'premium' }],
  productViews: [promName(c.funnelSteps), { funnel: 'checkout', step: 'product_view' }],
  cart: [promName(c.funnelSteps), { funnel: 'checkout', step: 'cart' }],
  checkout: [promName(c.funnelSteps), { funnel: 'checkout', step: 'checkout' }],
  sessionsHome: [promName(c.sessionsStarted), { entry_page: '/', user_tier: 'premium' }],
  sessionsCart: [promName(c.sessionsStarted), { entry_page: '/cart', user_tier: 'premium' }],
  durations: [promCount(c.sessionDuration), {}],
} as const satisfies Record<string, readonly [string, Record<string, string>]>;

/** What `visits` complete visits add up to, series by series. */
export function expectedAfter(visits: number): Record<keyof typeof SERIES, number> {
  return {
    searches: visits * ONE_VISIT.searches,
    invites: visits * ONE_VISIT.invites,
    productViews: visits * ONE_VISIT.steps.product_view,
    cart: visits * ONE_VISIT.steps.cart,
    checkout: visits * ONE_VISIT.steps.checkout,
    sessionsHome: visits * ONE_VISIT.sessionsFromHome,
    sessionsCart: visits * ONE_VISIT.sessionsFromCart,
    durations: visits * ONE_VISIT.sessionDurations,
  };
}

/** Reads every expected series with `read` (a scrape or a Prometheus query). */
export async function readSeries(
  read: (name: string, labels: Record<string, string>) => Promise<number>,
): Promise<Record<keyof typeof SERIES, number>> {
  const out = {} as Record<keyof typeof SERIES, number>;
  for (const [key, [name, labels]] of Object.entries(SERIES))
    out[key as keyof typeof SERIES] = await read(name, labels);
  return out;
}
