import type { HistogramMetricData } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { CurrencyConfigError, orderValueBuckets } from '../src/catalog/order-value.ts';
import { standardCatalog } from '../src/index.ts';
import { createHarness, order } from './harness.ts';

// Contract 2: money is integer minor units, so 5 major units are 500 cents but 5 yen and 5000 fils.
describe('order-value buckets follow the ISO 4217 minor-unit exponent', () => {
  it.each([
    ['EUR', 2, [500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000]],
    ['JPY', 0, [5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]],
    ['KRW', 0, [5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]],
    ['BHD', 3, [5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000, 2000000, 5000000]],
  ])('%s (exponent %i): 5 to 5000 major units', (currency, _exponent, expected) => {
    expect(orderValueBuckets(currency)).toEqual(expected);
  });

  it('keeps the standard catalog on USD-like cents', () => {
    expect(standardCatalog.orderValue.buckets).toEqual(orderValueBuckets('USD'));
  });

  it.each([
    ['JPY', 4999, 5000],
    ['BHD', 4999, 5000],
  ])('records %s orders into that currency’s boundaries', async (currency, amount, bucketEdge) => {
    const h = createHarness({ currency });
    h.biz.revenue(order({ currency, amountMinor: amount }));
    const metric = (await h.collect()).find(
      (m) => m.descriptor.name === 'business.order.value.minor',
    ) as HistogramMetricData;
    const { buckets, count } = metric.dataPoints[0]!.value;
    expect(count).toBe(1);
    expect(buckets.boundaries).toEqual(orderValueBuckets(currency));
    // 4999 minor units fall in the bucket whose upper edge is 5000 minor units.
    expect(buckets.counts[buckets.boundaries.indexOf(bucketEdge)]).toBe(1);
  });

  it('refuses an unknown currency at creation, naming the setting and the accepted codes', () => {
    const make = () => createHarness({ currency: 'EURO' });
    expect(make).toThrow(CurrencyConfigError);
    expect(make).toThrow(
      /^currency="EURO" is not valid: expected an active ISO 4217 currency code .* one of AED, .*EUR, .*JPY/,
    );
    expect(() => orderValueBuckets('jpy', 'BIZMETRICS_CURRENCY')).toThrow(/^BIZMETRICS_CURRENCY="jpy"/);
  });
});
