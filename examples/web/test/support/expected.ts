import { ONE_VISIT } from './visitor.ts';

/** The counters the tests read, by Prometheus series and labels. */
export const SERIES = {
  searches: ['business_feature_usage_total', { feature: 'search', user_tier: 'premium', new_user: 'false' }],
  invites: ['business_milestones_total', { milestone: 'invited_teammate', user_tier: 'premium' }],
  productViews: ['business_funnel_steps_total', { funnel: 'checkout', step: 'product_view' }],
  cart: ['business_funnel_steps_total', { funnel: 'checkout', step: 'cart' }],
  checkout: ['business_funnel_steps_total', { funnel: 'checkout', step: 'checkout' }],
  sessionsHome: ['business_sessions_started_total', { entry_page: '/', user_tier: 'premium' }],
  sessionsCart: ['business_sessions_started_total', { entry_page: '/cart', user_tier: 'premium' }],
  durations: ['business_session_duration_seconds_count', {}],
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
