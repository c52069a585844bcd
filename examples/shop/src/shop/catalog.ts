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
  dbDuration: defineMetric({
    kind: 'histogram',
    // OTel's db.client.operation.duration (unit s) with its semantic-convention attributes, the unit
    // word in the name so every path calls it db_client_operation_duration_seconds (contract 1).
    name: 'db.client.operation.duration.seconds',
    unit: 's',
    value: 'duration',
    description: 'Duration of database client operations of the shop (a simulated SQL store).',
    owner: 'platform',
    labels: {
      db_system_name: { values: ['other_sql'] },
      db_operation_name: { values: ['SELECT', 'INSERT'] },
      db_collection_name: { values: ['products', 'orders'] },
    },
    // The semantic conventions' advised boundaries for this histogram.
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
    seriesLimit: 20,
  }),
  cacheLookups: defineMetric({
    kind: 'counter',
    // OTel has no semantic convention for caches yet: named after its naming guidelines, one
    // counter with the result as an attribute, so the hit ratio is one division.
    name: 'shop.cache.lookups',
    unit: '{lookup}',
    description: 'Lookups in the shop product cache, by result (hit or miss).',
    owner: 'platform',
    labels: { cache_name: { values: ['products'] }, cache_result: { values: ['hit', 'miss'] } },
    seriesLimit: 4,
  }),
} as const;
