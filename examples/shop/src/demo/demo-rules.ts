import { standardCatalog as c } from '@bizmetrics/core';
import { alert, defineConfig, type RulesConfig, rate, ratio, select } from '@bizmetrics/rules';
import type { CHECKOUT_STEPS } from '@bizmetrics/rules/kpi';
import { buildModel } from '@bizmetrics/rules/model';
import { renderRulesFile } from '@bizmetrics/rules/render';
import type { ExpectedKpis } from '../traffic/expected.ts';

const step = (s: (typeof CHECKOUT_STEPS)[number]) => select(c.funnelSteps, { funnel: 'checkout', step: s });
const W = '1m';

/**
 * The short-window demo profile of the article's alerts: 1-minute windows, `for: 1m`, evaluated every
 * 5 s, so an incident fires within about two minutes. With no history to compare against (the
 * production rules use the same time last week), thresholds are fractions of the KPI values the
 * traffic generator is expected to produce at its rate, and traffic guards are scaled to that rate.
 */
export function demoRulesConfig(expected: ExpectedKpis): RulesConfig {
  const conversion = ratio({
    name: 'checkout_conversion',
    description: 'Share of checkout journeys that reach the confirmed step.',
    numerator: step('confirmed'),
    denominator: step('cart_view'),
    by: ['funnel'],
    windows: [W],
  });
  const paymentToReview = ratio({
    name: 'checkout_payment_to_review',
    description: 'Checkout journeys reaching review, per journey reaching payment.',
    numerator: step('review'),
    denominator: step('payment'),
    by: ['funnel'],
    windows: [W],
  });
  const abandonment = ratio({
    name: 'cart_abandonment',
    description: 'Checkout journeys abandoned, per cart view.',
    numerator: select(c.funnelAbandonments, { funnel: 'checkout' }),
    denominator: step('cart_view'),
    by: ['funnel'],
    windows: [W],
  });
  const usdRevenue = rate({
    name: 'revenue_minor',
    description: 'Gross USD revenue per minute in cents.',
    value: select(c.revenue, { currency: 'USD' }),
    by: ['currency'],
    per: 'minute',
    windows: [W],
  });
  const newUserUsage = rate({
    name: 'new_user_feature_usage',
    description: 'Feature uses by new users per minute.',
    value: select(c.featureUsage, { new_user: 'true' }),
    per: 'minute',
    windows: [W],
  });
  const cartsMin = Math.max(5, Math.floor(expected.cartViewsPerMinute * 0.3));
  const common = { window: W, for: W } as const;
  return defineConfig({
    name: 'demo',
    interval: '5s',
    noDataAfter: '5m',
    kpis: [conversion, paymentToReview, abandonment, usdRevenue, newUserUsage],
    alerts: [
      alert({
        ...common,
        name: 'PaymentStepConversionDrop',
        kpi: paymentToReview,
        condition: { op: '<', threshold: round(expected.paymentToReview * 0.5) },
        guard: { select: step('payment'), min: Math.max(5, Math.floor(cartsMin * 0.5)) },
        severity: 'page',
        team: 'payments',
        summary: 'Payment → review conversion fell to {value}',
        description: 'Only {value} of journeys that reached payment went on to review in the last minute.',
        runbook: 'payment-step-conversion-drop',
      }),
      alert({
        ...common,
        name: 'ConversionRateDrop',
        kpi: conversion,
        condition: { op: '<', threshold: round(expected.conversion * 0.7) },
        guard: { select: step('cart_view'), min: cartsMin },
        severity: 'page',
        team: 'growth',
        summary: 'Checkout conversion fell to {value}',
        description: 'Checkout conversion over the last minute is {value}, under 70% of its normal level.',
        runbook: 'conversion-rate-drop',
      }),
      alert({
        ...common,
        name: 'HighCartAbandonment',
        kpi: abandonment,
        condition: { op: '>', threshold: round(Math.min(0.95, expected.abandonment * 1.35)) },
        guard: { select: step('cart_view'), min: cartsMin },
        severity: 'ticket',
        team: 'growth',
        summary: 'Cart abandonment rose to {value}',
        description: 'Cart abandonment over the last minute is {value}, 35% above its normal level.',
        runbook: 'high-cart-abandonment',
      }),
      alert({
        ...common,
        name: 'RevenueBelowBaseline',
        kpi: usdRevenue,
        condition: { op: '<', threshold: Math.round((expected.revenueMinorPerMinute['USD'] ?? 0) * 0.5) },
        guard: {
          select: select(c.orderValue, { currency: 'USD' }),
          min: Math.max(3, Math.floor((expected.ordersPerMinute['USD'] ?? 0) * 0.3)),
        },
        severity: 'page',
        team: 'finance',
        summary: '{label:currency} revenue fell to {value} minor units per minute',
        description:
          '{label:currency} revenue over the last minute is {value} minor units per minute, under half its normal level.',
        runbook: 'revenue-below-baseline',
      }),
      alert({
        ...common,
        name: 'NewUserEngagementDrop',
        kpi: newUserUsage,
        condition: { op: '<', threshold: round(expected.newUserFeatureUsesPerMinute * 0.5) },
        guard: {
          select: select(c.sessionsStarted),
          min: Math.max(5, Math.floor(expected.sessionsPerMinute * 0.3)),
        },
        severity: 'ticket',
        team: 'product',
        summary: 'New users use features {value} times per minute',
        description:
          'Feature uses by new users over the last minute are {value} per minute, under half their normal level.',
        runbook: 'new-user-engagement-drop',
      }),
    ],
    links: { runbookBase: 'https://runbooks.example.com/bizmetrics', dashboard: 'http://127.0.0.1/demo' },
  });
}

/** The demo profile rendered as a Prometheus rules file. */
export function demoRulesYaml(expected: ExpectedKpis): string {
  return renderRulesFile(buildModel(demoRulesConfig(expected)));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
