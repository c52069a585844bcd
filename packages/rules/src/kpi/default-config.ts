import { standardCatalog as c } from '@bizmetrics/core';
import { alert } from './alert.ts';
import { collapse } from './collapse.ts';
import { defineConfig } from './config.ts';
import { comparison, quantile, type RatioKpi, rate, ratio, share } from './kpi.ts';
import { select } from './select.ts';

/** The checkout funnel of the article, in order. */
export const CHECKOUT_STEPS = ['cart_view', 'shipping', 'payment', 'review', 'confirmed'] as const;
const FUNNEL = 'checkout';
const step = (s: (typeof CHECKOUT_STEPS)[number]) => select(c.funnelSteps, { funnel: FUNNEL, step: s });

/** Checkout conversion: confirmed orders per cart view. */
export const checkoutConversion = ratio({
  name: 'checkout_conversion',
  description: 'Share of checkout journeys that reach the confirmed step.',
  numerator: step('confirmed'),
  denominator: step('cart_view'),
  by: ['funnel'],
  windows: ['5m', '30m', '1h'],
});

/** Cart abandonment: journeys ended before confirmation per cart view. */
export const cartAbandonment = ratio({
  name: 'cart_abandonment',
  description: 'Checkout journeys abandoned, per cart view.',
  numerator: select(c.funnelAbandonments, { funnel: FUNNEL }),
  denominator: step('cart_view'),
  by: ['funnel'],
  windows: ['5m', '30m'],
});

/** Step-to-step conversion for every adjacent pair of the checkout funnel. */
export const stepConversions: readonly RatioKpi<'funnel'>[] = CHECKOUT_STEPS.slice(1).map((to, i) => {
  const from = CHECKOUT_STEPS[i]!;
  return ratio({
    name: `checkout_${from}_to_${to}`,
    description: `Checkout journeys reaching ${to}, per journey reaching ${from}.`,
    numerator: step(to),
    denominator: step(from),
    by: ['funnel'],
    windows: ['5m', '30m'],
  });
});

/** Gross revenue per minute, in minor units, by region and currency (never summed across currencies). */
export const revenuePerMinute = rate({
  name: 'revenue_minor',
  description: 'Gross revenue per minute in minor units of the currency.',
  value: select(c.revenue),
  by: ['region', 'currency'],
  per: 'minute',
});

/** Revenue net of refunds per minute, by region and currency. */
export const netRevenuePerMinute = rate({
  name: 'net_revenue_minor',
  description: 'Revenue minus refunds per minute in minor units of the currency.',
  value: select(c.revenue),
  minus: select(c.refunds),
  by: ['region', 'currency'],
  per: 'minute',
});

/** Gross revenue per minute by currency: what the revenue alert watches. */
export const revenueByCurrency = rate({
  name: 'revenue_minor',
  description: 'Gross revenue per minute in minor units, per currency.',
  value: select(c.revenue),
  by: ['currency'],
  per: 'minute',
  windows: ['5m', '30m'],
});

/** Sessions started per minute: the top of every journey, what a total collapse empties first. */
export const sessionsPerMinute = rate({
  name: 'sessions_started',
  description: 'Sessions started per minute.',
  value: select(c.sessionsStarted),
  per: 'minute',
  windows: ['5m'],
});

/** Checkout journeys reaching each step per minute: cart views at the top, orders (confirmed) at the bottom. */
export const checkoutStepsPerMinute = rate({
  name: 'checkout_steps',
  description: 'Checkout journeys reaching each step per minute (cart_view: cart views, confirmed: orders).',
  value: select(c.funnelSteps, { funnel: FUNNEL }),
  by: ['funnel', 'step'],
  per: 'minute',
  windows: ['5m'],
});

/** Gross revenue per minute by payment method and currency: one provider down is one method at zero. */
export const revenueByPaymentMethod = rate({
  name: 'revenue_minor',
  description: 'Gross revenue per minute in minor units, by payment method and currency.',
  value: select(c.revenue),
  by: ['payment_method', 'currency'],
  per: 'minute',
  windows: ['5m'],
});

/** Median order value by product category. */
export const medianOrderValue = quantile({
  name: 'order_value_minor',
  description: 'Median order value in minor units, by currency and product category.',
  histogram: select(c.orderValue),
  quantile: 0.5,
  by: ['currency', 'product_category'],
  unit: 'minor_units',
  windows: ['1h'],
});

/** p95 order value by product category: with the median, the spread of baskets. */
export const p95OrderValue = quantile({
  name: 'order_value_minor',
  description: '95th percentile of order value in minor units, by currency and product category.',
  histogram: select(c.orderValue),
  quantile: 0.95,
  by: ['currency', 'product_category'],
  unit: 'minor_units',
  windows: ['1h'],
});

/** p95 session duration by user tier. */
export const p95SessionDuration = quantile({
  name: 'session_duration_seconds',
  description: '95th percentile of session length, by user tier.',
  histogram: select(c.sessionDuration),
  quantile: 0.95,
  by: ['user_tier'],
  unit: 'seconds',
  windows: ['1h'],
});

/** Feature adoption among new users: each feature's share of new users' feature uses. */
export const newUserFeatureAdoption = share({
  name: 'new_user_feature_adoption',
  description: "Each feature's share of the feature uses by new users.",
  part: select(c.featureUsage, { new_user: 'true' }),
  by: ['feature'],
  windows: ['1h'],
});

/** Feature uses by new users per minute: what the engagement alert watches. */
export const newUserFeatureUsage = rate({
  name: 'new_user_feature_usage',
  description: 'Feature uses by new users per minute.',
  value: select(c.featureUsage, { new_user: 'true' }),
  per: 'minute',
  windows: ['5m', '1h'],
});

/** Checkout conversion this week against the same hour last week. */
export const conversionWeekOverWeek = comparison({
  name: 'checkout_conversion_week_over_week',
  description: 'Checkout conversion (1h) divided by the same hour one week earlier.',
  of: checkoutConversion,
  window: '1h',
  offset: '1w',
});

/** Revenue this week against the same half hour last week. */
export const revenueWeekOverWeek = comparison({
  name: 'revenue_week_over_week',
  description: 'Revenue per minute (30m) divided by the same half hour one week earlier.',
  of: revenueByCurrency,
  window: '30m',
  offset: '1w',
});

const cartViews = step('cart_view');

/** The article's four alerts, improved: baselines of past weeks, volume guards on the baseline, `for`, labels and links. */
export const defaultAlerts = [
  alert({
    name: 'ConversionRateDrop',
    kpi: checkoutConversion,
    window: '30m',
    condition: { op: '<', factor: 0.7, offset: '1w' },
    guard: { select: cartViews, min: 300 },
    for: '10m',
    severity: 'page',
    team: 'growth',
    summary: 'Checkout conversion fell to {value}',
    description:
      'Checkout conversion ({label:funnel} funnel, 30m) is {value}, under 70% of its baseline, at a time when the baseline saw at least 300 cart views in 30m.',
    runbook: 'conversion-rate-drop',
  }),
  alert({
    name: 'ConversionSlowBurn',
    kpi: checkoutConversion,
    window: '1h',
    condition: { op: '<', factor: 0.85, offset: '1w' },
    guard: { select: cartViews, min: 1000 },
    for: '30m',
    severity: 'ticket',
    team: 'growth',
    summary: 'Checkout conversion has slid to {value}',
    description:
      'Checkout conversion ({label:funnel} funnel, 1h) is {value}, 15% or more under its baseline for 30 minutes, at a time when the baseline saw at least 1000 cart views in 1h: a slow burn no page catches.',
    runbook: 'conversion-slow-burn',
  }),
  alert({
    name: 'PaymentStepConversionDrop',
    kpi: stepConversions[2]!,
    window: '5m',
    condition: { op: '<', factor: 0.5, offset: '1w' },
    guard: { select: step('payment'), min: 20 },
    for: '5m',
    severity: 'page',
    team: 'payments',
    summary: 'Payment → review conversion fell to {value}',
    description:
      'Only {value} of journeys that reached payment went on to review in the last 5m, under half of the baseline: payments may be failing.',
    runbook: 'payment-step-conversion-drop',
  }),
  alert({
    name: 'RevenueBelowBaseline',
    kpi: revenueByCurrency,
    window: '30m',
    condition: { op: '<', factor: 0.6, offset: '1w' },
    guard: { select: select(c.orderValue), min: 150 },
    for: '15m',
    severity: 'page',
    team: 'finance',
    summary: '{label:currency} revenue fell to {value} minor units per minute',
    description:
      '{label:currency} revenue (30m) is {value} minor units per minute, under 60% of its baseline, at a time when the baseline saw at least 150 orders in 30m.',
    runbook: 'revenue-below-baseline',
  }),
  alert({
    name: 'HighCartAbandonment',
    kpi: cartAbandonment,
    window: '30m',
    condition: { op: '>', factor: 1.25, offset: '1w' },
    guard: { select: cartViews, min: 100 },
    for: '15m',
    severity: 'ticket',
    team: 'growth',
    summary: 'Cart abandonment rose to {value}',
    description:
      'Cart abandonment ({label:funnel} funnel, 30m) is {value}, 25% above its baseline, at a time when the baseline saw at least 100 cart views in 30m.',
    runbook: 'high-cart-abandonment',
  }),
  alert({
    name: 'NewUserEngagementDrop',
    kpi: newUserFeatureUsage,
    window: '1h',
    condition: { op: '<', factor: 0.5, offset: '1w' },
    guard: { select: select(c.sessionsStarted), min: 200 },
    for: '30m',
    severity: 'ticket',
    team: 'product',
    summary: 'New users use features {value} times per minute',
    description:
      'Feature uses by new users (1h) are {value} per minute, under half of their baseline, at a time when the baseline saw at least 200 sessions started in 1h.',
    runbook: 'new-user-engagement-drop',
  }),
];

/**
 * Traffic collapses, total and partial: sessions, every checkout step (cart views … orders), revenue
 * per currency, per region and per payment method falling below a tenth of their baseline where the
 * baseline was busy. They page within 10 minutes (see the generated docs for the exact times).
 */
export const collapseAlerts = [
  collapse({
    name: 'SessionsCollapse',
    kpi: sessionsPerMinute,
    window: '5m',
    min: 10,
    team: 'product',
    runbook: 'traffic-collapse',
    what: 'Sessions started',
  }),
  collapse({
    name: 'CheckoutStepCollapse',
    kpi: checkoutStepsPerMinute,
    window: '5m',
    min: 20,
    team: 'growth',
    runbook: 'traffic-collapse',
    what: 'Checkout journeys reaching a step',
  }),
  collapse({
    name: 'RevenueCollapse',
    kpi: revenueByCurrency,
    window: '5m',
    min: 30_000,
    team: 'finance',
    runbook: 'traffic-collapse',
    what: 'Revenue',
    unit: 'minor units',
  }),
  collapse({
    name: 'RegionRevenueCollapse',
    kpi: revenuePerMinute,
    window: '5m',
    min: 30_000,
    team: 'finance',
    runbook: 'partial-outage',
    what: 'Revenue',
    unit: 'minor units',
  }),
  collapse({
    name: 'PaymentMethodRevenueCollapse',
    kpi: revenueByPaymentMethod,
    window: '5m',
    min: 30_000,
    team: 'payments',
    runbook: 'partial-outage',
    what: 'Revenue',
    unit: 'minor units',
  }),
];

/** The default config: the article's KPIs and alerts on the standard catalog. */
export const defaultConfig = defineConfig({
  name: 'bizmetrics',
  kpis: [
    checkoutConversion,
    cartAbandonment,
    ...stepConversions,
    revenuePerMinute,
    netRevenuePerMinute,
    revenueByCurrency,
    medianOrderValue,
    p95OrderValue,
    p95SessionDuration,
    newUserFeatureAdoption,
    newUserFeatureUsage,
    sessionsPerMinute,
    checkoutStepsPerMinute,
    revenueByPaymentMethod,
    conversionWeekOverWeek,
    revenueWeekOverWeek,
  ],
  alerts: [...defaultAlerts, ...collapseAlerts],
  links: {
    runbookBase: 'https://runbooks.example.com/bizmetrics',
    dashboard: 'https://grafana.example.com/d/bizmetrics-overview',
  },
});
