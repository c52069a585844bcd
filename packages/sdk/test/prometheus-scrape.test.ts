import { promSeriesNames, standardCatalog } from '@bizmetrics/core';
import { describe, expect, it } from 'vitest';
import { startBizMetrics } from '../src/index.ts';
import { freePort } from './support.ts';

/** The article's checkout and engagement flow, touching every standard metric. */
function recordCheckoutFlow(biz: ReturnType<typeof startBizMetrics>) {
  const checkout = biz.funnel('checkout', ['cart_view', 'shipping', 'payment', 'review', 'confirmed'], {
    conversionType: 'purchase',
  });
  const web = { source: 'google', device_type: 'desktop', experiment_variant: 'A' };
  const done = checkout.start(web, { startedAt: Date.now() - 120_000 });
  for (const step of checkout.steps) done.step(step);
  const left = checkout.start(web);
  left.step('cart_view');
  left.end();
  biz.revenue({
    amountMinor: 4999,
    currency: 'USD',
    product_category: 'books',
    payment_method: 'card',
    region: 'us',
  });
  biz.refund({
    amountMinor: 999,
    currency: 'USD',
    product_category: 'books',
    payment_method: 'card',
    region: 'us',
  });
  biz.featureUsed({ feature: 'wishlist', user_tier: 'premium', new_user: true });
  biz.sessionStarted({ user_tier: 'premium', entry_page: '/' });
  biz.sessionEnded({ user_tier: 'premium', entry_page: '/', durationSeconds: 300 });
  biz.milestone({ milestone: 'first_order', user_tier: 'premium' });
  biz.onActiveUsers(() => [{ window: 'daily', user_tier: 'premium', count: 12 }]);
}

describe('Prometheus exporter selected by OTEL_METRICS_EXPORTER', () => {
  it('serves exactly the series names promName predicts', async () => {
    const port = await freePort();
    const biz = startBizMetrics({
      env: {
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
      },
      handleSignals: false,
    });
    try {
      expect(biz.prometheusUrl).toBe(`http://127.0.0.1:${port}/metrics`);
      recordCheckoutFlow(biz);
      const text = await (await fetch(biz.prometheusUrl!)).text();
      const served = new Set(
        text
          .split('\n')
          .filter((l) => l && !l.startsWith('#'))
          .map((l) => l.replace(/[{ ].*$/, '')),
      );
      const expected = new Set(Object.values(standardCatalog).flatMap((m) => promSeriesNames(m)));
      expected.add('target_info');
      expect([...served].sort()).toEqual([...expected].sort());
      expect(text).toContain(
        'business_revenue_minor_total{currency="USD",product_category="books",payment_method="card",region="us"',
      );
      expect(text).toMatch(/business_active_users\{[^}]*window="daily"[^}]*\} 12/);
    } finally {
      await biz.shutdown();
    }
  });
});
