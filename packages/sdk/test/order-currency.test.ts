import { orderValueBuckets } from '@bizmetrics/core/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import { type BizMetricsHandle, startBizMetrics } from '../src/index.ts';
import { OnDemandReader } from './support.ts';

let biz: BizMetricsHandle | undefined;
afterEach(async () => {
  await biz?.shutdown();
  biz = undefined;
});

describe('BIZMETRICS_CURRENCY sets the order-value buckets', () => {
  it.each(['JPY', 'BHD', 'EUR'])(
    '%s: the exported histogram has that currency’s minor-unit boundaries',
    async (currency) => {
      const reader = new OnDemandReader();
      biz = startBizMetrics({
        env: { OTEL_METRICS_EXPORTER: 'none', BIZMETRICS_CURRENCY: currency },
        readers: [reader],
        handleSignals: false,
        log: () => {},
      });
      biz.revenue({
        amountMinor: 4999,
        currency,
        product_category: 'books',
        payment_method: 'card',
        region: 'eu',
      });
      const histogram = await reader.histogram('business.order.value.minor', {
        currency,
        product_category: 'books',
      });
      expect(histogram?.count).toBe(1);
      expect(histogram?.boundaries).toEqual(orderValueBuckets(currency));
    },
  );
});
