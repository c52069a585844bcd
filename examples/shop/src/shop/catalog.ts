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
  httpDuration: defineMetric({
    kind: 'histogram',
    // OTel's http.server.request.duration, with the unit word in the name so every export path
    // calls it http_server_request_duration_seconds (contract 1); insights' default technical query.
    name: 'http.server.request.duration.seconds',
    unit: 's',
    value: 'duration',
    description: 'Duration of HTTP requests served by the shop.',
    owner: 'platform',
    labels: {
      http_request_method: { values: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'] },
      http_route: { maxLength: 60 },
      http_response_status_code: { maxLength: 3 },
    },
    buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    seriesLimit: 200,
  }),
} as const;
