import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBrowserMetrics } from '@bizmetrics/browser';
import { createBizMetrics } from '@bizmetrics/core';
import { createGatewayHandler } from '@bizmetrics/gateway';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesValue } from './support/exposition.ts';

/**
 * The browser SDK's real transport (fetch, OTLP/JSON; in Node here) against the real gateway over
 * HTTP: what the SDK sends is exactly what the gateway accepts, including the SDK's guard self-metric.
 */
describe('browser SDK → gateway over HTTP (Node, no browser)', () => {
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ readers: [prometheus] });
  const server = createServer(
    createGatewayHandler({
      metrics: createBizMetrics({ meter: provider.getMeter('svc') }),
      meter: provider.getMeter('svc'),
      allowedOrigins: '*',
    }),
  );
  let endpoint = '';
  const scrape = () =>
    new Promise<string>((resolve) => {
      const s = createServer((req, res) => prometheus.getMetricsRequestHandler(req, res));
      s.listen(0, '127.0.0.1', async () => {
        const text = await (await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/`)).text();
        s.close();
        resolve(text);
      });
    });

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/metrics`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await provider.shutdown();
  });

  it('accepts every metric the SDK produces, including its guard findings', async () => {
    const metrics = createBrowserMetrics({ endpoint, exportIntervalMs: 60_000, log: () => {} });
    metrics.setUser({ tier: 'premium', newUser: true });
    metrics.activity();
    metrics.featureUsed('search');
    metrics.funnelStep('checkout', 'cart');
    metrics.featureUsed('x'.repeat(41)); // too long: the browser's guard maps it to `other`
    metrics.milestone('first_project');
    await metrics.shutdown();
    const text = await scrape();
    expect(seriesValue(text, 'business_feature_usage_total', { feature: 'search', new_user: 'true' })).toBe(
      1,
    );
    expect(seriesValue(text, 'business_funnel_steps_total', { step: 'cart' })).toBe(1);
    expect(seriesValue(text, 'business_feature_usage_total', { feature: 'other' })).toBe(1);
    expect(seriesValue(text, 'business_sessions_started_total', { user_tier: 'premium' })).toBe(1);
    // Shutting the page's instance down does not end the session (inactivity does).
    expect(seriesValue(text, 'business_session_duration_seconds_count')).toBe(0);
    // The browser's own guard report is kept apart from the service's guard metric.
    expect(
      seriesValue(text, 'bizmetrics_browser_guard_events_total', {
        metric: 'business.feature.usage',
        reason: 'label_too_long',
      }),
    ).toBe(1);
    expect(seriesValue(text, 'bizmetrics_guard_events_total')).toBe(0);
    expect(seriesValue(text, 'bizmetrics_gateway_requests_total', { outcome: 'rejected' })).toBe(0);
  });
});
