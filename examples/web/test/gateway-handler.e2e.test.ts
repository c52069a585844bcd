import { type RunningPrometheus, startPrometheus } from '@bizmetrics/local-stack';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from './support/app-server.ts';
import { buildPage } from './support/build-page.ts';
import { launchChromium } from './support/chromium.ts';
import { expectedAfter, readSeries } from './support/expected.ts';
import { eventually, seriesValue } from './support/exposition.ts';
import { prometheusReader } from './support/prometheus-reader.ts';
import { visit } from './support/visitor.ts';

// Long interval: only the page lifecycle (tab hidden, navigation away) sends, so counts are exact.
const INTERVAL_MS = 600_000;

describe('browser → gateway handler in the service → its /metrics → real Prometheus (real Chromium)', () => {
  let browser: Browser;
  let app: AppServer;
  let prometheus: RunningPrometheus;
  const scraped = async () => {
    const text = await app.scrape();
    return readSeries(async (name, labels) => seriesValue(text, name, labels));
  };
  const queried = () => readSeries(prometheusReader(prometheus.url));
  const settlesAt = async (visits: number) => {
    const want = JSON.stringify(expectedAfter(visits));
    await eventually(async () => JSON.stringify(await scraped()) === want);
    expect(await scraped()).toEqual(expectedAfter(visits));
    await eventually(async () => JSON.stringify(await queried()) === want, 30_000);
    expect(await queried()).toEqual(expectedAfter(visits));
  };

  beforeAll(async () => {
    const dir = await buildPage();
    app = await startAppServer(dir, { intervalMs: INTERVAL_MS });
    prometheus = await startPrometheus({ scrapeTargets: [app.metricsTarget], scrapeInterval: '1s' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await prometheus?.stop();
    await app?.close();
  });

  it('clicks, route changes, a hidden tab and navigation away arrive as exact cumulative counts', async () => {
    await visit(browser, app.url);
    await settlesAt(1);
    const text = await app.scrape();
    expect(seriesValue(text, 'bizmetrics_gateway_requests_total', { outcome: 'rejected' })).toBe(0);
    // Two sends (tab hidden, page left), a third when web-vitals finalises CLS/INP on the
    // visibilitychange Chromium fires after pagehide.
    const accepted = seriesValue(text, 'bizmetrics_gateway_requests_total', { outcome: 'accepted' });
    expect(accepted).toBeGreaterThanOrEqual(2);
    expect(accepted).toBeLessThanOrEqual(3);
    expect(text).not.toContain('/products/42');
  });

  it('adds up exactly across several browser contexts at once', async () => {
    await Promise.all([1, 2, 3, 4].map(() => visit(browser, app.url)));
    await settlesAt(5);
  });
});
