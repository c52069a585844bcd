import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from './support/build-page.ts';
import { launchChromium } from './support/chromium.ts';
import { expectedAfter, readSeries } from './support/expected.ts';
import { eventually, seriesValue } from './support/exposition.ts';
import { startStandaloneGateway } from './support/gateway-server.ts';
import { startSite } from './support/site-server.ts';
import { visit } from './support/visitor.ts';

const INTERVAL_MS = 600_000;

describe('browser on one origin → standalone gateway on another (CORS) → /metrics (real Chromium)', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startSite>>;
  let gateway: Awaited<ReturnType<typeof startStandaloneGateway>>;
  const scraped = async () => {
    const text = await gateway.scrape();
    return readSeries(async (name, labels) => seriesValue(text, name, labels));
  };

  beforeAll(async () => {
    const dir = await buildPage();
    site = await startSite(dir, INTERVAL_MS);
    gateway = await startStandaloneGateway([site.url]);
    site.setEndpoint(`${gateway.url}/v1/metrics`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await gateway?.close();
  });

  it('sums visits from several browser contexts exactly, across origins with a CORS preflight', async () => {
    await Promise.all([1, 2, 3].map(() => visit(browser, site.url)));
    const want = expectedAfter(3);
    await eventually(async () => JSON.stringify(await scraped()) === JSON.stringify(want));
    expect(await scraped()).toEqual(want);
    const text = await gateway.scrape();
    expect(seriesValue(text, 'bizmetrics_relay_requests_total', { outcome: 'accepted' })).toBe(6);
    expect(seriesValue(text, 'bizmetrics_relay_requests_total', { outcome: 'rejected' })).toBe(0);
  });
});
