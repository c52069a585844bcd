import { defineMetric, standardCatalog as std } from '@bizmetrics/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type BizMetricsHandle, startBizMetrics } from '../src/index.ts';
import { ORDER, recordCheckoutFlow, SECONDS_TO_CONVERT, WEB } from './checkout-flow.ts';
import { OnDemandReader } from './support.ts';

const money = { currency: 'USD', product_category: 'books', payment_method: 'card', region: 'us' };
let biz: BizMetricsHandle | undefined;
afterEach(() => biz?.shutdown());

function start(extra: Parameters<typeof startBizMetrics>[0] = {}) {
  const reader = new OnDemandReader();
  biz = startBizMetrics({
    env: { OTEL_METRICS_EXPORTER: 'none' },
    readers: [reader],
    handleSignals: false,
    ...extra,
  });
  return { biz, reader };
}

describe('the checkout flow read back from the SDK provider', () => {
  it('counts every funnel step, the abandonment and the conversion exactly', async () => {
    const { biz, reader } = start();
    recordCheckoutFlow(biz);
    const step = (s: string) => reader.value(std.funnelSteps.name, { funnel: 'checkout', step: s, ...WEB });
    expect(await step('cart_view')).toBe(2);
    expect(await step('shipping')).toBe(2);
    expect(await step('payment')).toBe(1);
    expect(await step('review')).toBe(1);
    expect(await step('confirmed')).toBe(1);
    expect(await reader.value(std.funnelAbandonments.name, { funnel: 'checkout', step: 'shipping' })).toBe(1);
    expect(
      await reader.value(std.conversions.name, {
        type: 'purchase',
        source: 'google',
        device_type: 'desktop',
      }),
    ).toBe(1);
  });

  it('records money, feature, session, milestone and active-user metrics exactly', async () => {
    const { biz, reader } = start();
    recordCheckoutFlow(biz);
    expect(await reader.value(std.revenue.name, money)).toBe(ORDER.amountMinor);
    expect(await reader.value(std.refunds.name, money)).toBe(999);
    expect(
      await reader.value(std.featureUsage.name, {
        feature: 'wishlist',
        user_tier: 'premium',
        new_user: 'true',
      }),
    ).toBe(1);
    expect(await reader.value(std.sessionsStarted.name, { user_tier: 'premium', entry_page: '/' })).toBe(1);
    expect(await reader.value(std.milestones.name, { milestone: 'first_order', user_tier: 'premium' })).toBe(
      1,
    );
    expect(await reader.value(std.activeUsers.name, { window: 'daily', user_tier: 'premium' })).toBe(12);
    expect(await reader.value(std.activeUsers.name, { window: 'weekly', user_tier: 'premium' })).toBe(40);
  });

  it('buckets histograms on the catalog boundaries', async () => {
    const { biz, reader } = start();
    recordCheckoutFlow(biz);
    const order = await reader.histogram(std.orderValue.name, { currency: 'USD', product_category: 'books' });
    expect(order?.boundaries).toEqual(std.orderValue.buckets);
    expect(order?.counts[std.orderValue.buckets!.indexOf(5000)]).toBe(1); // 4999 ≤ 5000
    expect(order?.sum).toBe(4999);
    const session = await reader.histogram(std.sessionDuration.name, {
      user_tier: 'premium',
      entry_page: '/',
    });
    expect(session?.boundaries).toEqual(std.sessionDuration.buckets);
    expect(session?.counts[std.sessionDuration.buckets!.indexOf(300)]).toBe(1); // upper bound inclusive
    const convert = await reader.histogram(std.conversionDuration.name, { type: 'purchase' });
    expect(convert?.boundaries).toEqual(std.conversionDuration.buckets);
    expect(convert?.count).toBe(1);
    expect(convert?.sum).toBeGreaterThanOrEqual(SECONDS_TO_CONVERT);
    expect(convert?.sum).toBeLessThan(SECONDS_TO_CONVERT + 5);
  });

  it('gives a histogram created outside the API, without advice, the catalog boundaries', async () => {
    const { biz, reader } = start();
    const raw = biz.meterProvider.getMeter('raw').createHistogram(std.sessionDuration.name);
    raw.record(42, { user_tier: 'free', entry_page: '/' });
    const { scopeMetrics } = await reader.read();
    const point = scopeMetrics.find((s) => s.scope.name === 'raw')!.metrics[0]!.dataPoints[0]!;
    expect((point.value as { buckets: { boundaries: number[] } }).buckets.boundaries).toEqual(
      std.sessionDuration.buckets,
    );
  });

  it('applies a user catalog: its histogram buckets and its series limit', async () => {
    const pickTime = defineMetric({
      kind: 'histogram',
      name: 'warehouse.pick.duration.seconds',
      unit: 's',
      value: 'duration',
      description: 'Time to pick an order.',
      owner: 'ops',
      labels: { site: { maxLength: 20 } },
      buckets: [10, 60, 600],
      seriesLimit: 3,
    });
    const { biz, reader } = start({ catalog: { pickTime } });
    const h = biz.histogram(pickTime);
    for (let i = 0; i < 50; i++) h.record(30, { site: `s${i}` });
    const first = await reader.histogram(pickTime.name, { site: 's0' });
    expect(first?.boundaries).toEqual([10, 60, 600]);
    expect(first?.counts).toEqual([0, 1, 0, 0]);
    const { scopeMetrics } = await reader.read();
    const points = scopeMetrics
      .flatMap((s) => s.metrics)
      .find((m) => m.descriptor.name === pickTime.name)!.dataPoints;
    // core keeps 3 label sets and folds the rest into one all-`other` set: the SDK limit (3 + 10) is never hit
    expect(points.length).toBe(4);
    expect(points.reduce((n, p) => n + (p.value as { count: number }).count, 0)).toBe(50);
  });
});
