// A recording service as small as the quickstart, configured by OTEL_* variables: it records one
// order, flushes, shuts down and exits.
import { startBizMetrics } from '@bizmetrics/sdk';

const biz = startBizMetrics({ handleSignals: false, log: () => {} });
biz.revenue({
  amountMinor: 1999,
  currency: 'EUR',
  product_category: 'books',
  payment_method: 'card',
  region: 'eu',
});
await biz.forceFlush();
await biz.shutdown();
