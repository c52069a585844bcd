import { type RunningPrometheus, startPrometheus } from '@bizmetrics/local-stack';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from './support/build-page.ts';
import { launchChromium } from './support/chromium.ts';
import { expectedAfter, readSeries } from './support/expected.ts';
import { eventually, seriesValue } from './support/exposition.ts';
import { type GatewayProcess, startGatewayProcess } from './support/gateway-server.ts';
import { prometheusReader } from './support/prometheus-reader.ts';
import { startSite } from './support/site-server.ts';
import { visit } from './support/visitor.ts';

const INTERVAL_MS = 600_000;

describe('browser on one origin → `bizmetrics gateway` on another (CORS) → real Prometheus (real Chromium)', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startSite>>;
  let gateway: GatewayProcess;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    const dir = await buildPage();
    site = await startSite(dir, INTERVAL_MS);
    gateway = await startGatewayProcess([site.url]);
    site.setEndpoint(`${gateway.url}/v1/metrics`);
    prometheus = await startPrometheus({ scrapeTargets: [gateway.metricsTarget], scrapeInterval: '1s' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await prometheus?.stop();
    await site?.close();
    await gateway?.stop();
  });

  it('sums visits from several browser contexts exactly, across origins with a CORS preflight', async () => {
    await Promise.all([1, 2, 3].map(() => visit(browser, site.url)));
    const want = expectedAfter(3);
    const queried = () => readSeries(prometheusReader(prometheus.url));
    await eventually(async () => JSON.stringify(await queried()) === JSON.stringify(want), 30_000);
    expect(await queried()).toEqual(want);
    const text = await gateway.scrape();
    // Two sends per visit (tab hidden, page left), a third when web-vitals finalises CLS/INP on the
    // visibilitychange Chromium fires after pagehide.
    const accepted = seriesValue(text, 'bizmetrics_gateway_requests_total', { outcome: 'accepted' });
    expect(accepted).toBeGreaterThanOrEqual(6);
    expect(accepted).toBeLessThanOrEqual(9);
    expect(seriesValue(text, 'bizmetrics_gateway_requests_total', { outcome: 'rejected' })).toBe(0);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await gateway.stop()).toBe(0);
  });
});
