import { promName, standardCatalog } from '@bizmetrics/core';
import { promSeriesNames, promType } from '@bizmetrics/core/prometheus';
import { describe, expect, it } from 'vitest';
import { startBizMetrics } from '../src/index.ts';
import { recordCheckoutFlow } from './checkout-flow.ts';
import { freePort } from './support.ts';

/** Sample names and `# TYPE` families of a text exposition. */
function parseExposition(text: string) {
  const lines = text.split('\n');
  const samples = new Set(lines.filter((l) => l && !l.startsWith('#')).map((l) => l.replace(/[{ ].*$/, '')));
  const types = new Map(
    lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ').slice(2) as [string, string]),
  );
  return { samples, types };
}

describe('Prometheus exporter selected by OTEL_METRICS_EXPORTER', () => {
  it('serves exactly the series names promName predicts for the checkout flow, and nothing else but target_info', async () => {
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
      await biz.ready();
      recordCheckoutFlow(biz);
      const text = await (await fetch(biz.prometheusUrl!)).text();
      const { samples, types } = parseExposition(text);

      const metrics = Object.values(standardCatalog);
      const expected = new Set(['target_info', ...metrics.flatMap((m) => promSeriesNames(m))]);
      expect([...samples].sort()).toEqual([...expected].sort());
      for (const m of metrics) {
        // the JS exporter names a counter's family with `_total` (`# TYPE x_total counter`)
        expect(types.get(promName(m)), promName(m)).toBe(promType(m));
      }
      expect([...types.keys()].sort()).toEqual(['target_info', ...metrics.map((m) => promName(m))].sort());
      expect(text).toContain(
        'business_revenue_minor_total{currency="USD",product_category="books",payment_method="card",region="us"',
      );
      expect(text).toMatch(/business_active_users\{[^}]*window="daily"[^}]*\} 12/);
    } finally {
      await biz.shutdown();
    }
  });

  it('binds the spec default host, localhost, when OTEL_EXPORTER_PROMETHEUS_HOST is unset', async () => {
    const port = await freePort();
    const biz = startBizMetrics({
      env: { OTEL_EXPORTER_PROMETHEUS_PORT: String(port) },
      handleSignals: false,
    });
    try {
      expect(biz.config.exporters).toEqual(['prometheus']);
      expect(biz.prometheusUrl).toBe(`http://localhost:${port}/metrics`);
      await biz.ready();
      expect((await fetch(biz.prometheusUrl!)).status).toBe(200);
    } finally {
      await biz.shutdown();
    }
  });

  it('logs, and does not throw, when the port is taken', async () => {
    const port = await freePort();
    const first = startBizMetrics({
      env: { OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1', OTEL_EXPORTER_PROMETHEUS_PORT: String(port) },
      handleSignals: false,
    });
    await first.ready();
    const logs: string[] = [];
    const second = startBizMetrics({
      env: { OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1', OTEL_EXPORTER_PROMETHEUS_PORT: String(port) },
      handleSignals: false,
      log: (m) => logs.push(m),
    });
    await second.ready();
    expect(logs).toEqual([
      expect.stringMatching(
        new RegExp(`Prometheus endpoint 127.0.0.1:${port} could not start: .*EADDRINUSE`),
      ),
    ]);
    await second.shutdown();
    await first.shutdown();
  });
});
