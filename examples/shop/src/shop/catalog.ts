import { defineMetric } from '@bizmetrics/core';

/** The shop's own metrics, next to the standard catalog: the technical side of its incidents. */
export const shopCatalog = {
  paymentFailures: defineMetric({
    kind: 'counter',
    name: 'shop.payment.failures',
    unit: '{event}',
    description: 'Payment authorisations that failed, by reason and method.',
    owner: 'payments',
    labels: {
      reason: { values: ['declined', 'timeout'] },
      payment_method: { maxLength: 30 },
    },
    seriesLimit: 50,
  }),
  orderFailures: defineMetric({
    kind: 'counter',
    name: 'shop.order.failures',
    unit: '{event}',
    description: 'Order confirmations that failed after a successful payment.',
    owner: 'growth',
    labels: {},
    seriesLimit: 1,
  }),
  activeSessions: defineMetric({
    kind: 'updown',
    name: 'shop.sessions.active',
    unit: '{session}',
    description: 'Sessions started and not yet ended.',
    owner: 'product',
    labels: { user_tier: { values: ['free', 'premium', 'enterprise'] } },
    seriesLimit: 10,
  }),
} as const;
