import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from './support/app-server.ts';
import { buildPage } from './support/build-page.ts';
import { launchChromium } from './support/chromium.ts';
import { eventually, seriesValue } from './support/exposition.ts';
import { setTabVisibility } from './support/visitor.ts';

// Only the page lifecycle sends (tab hidden, navigation away), so counts are exact.
const INTERVAL_MS = 600_000;
const IDLE_MS = 4_000;

/** Waits until the service's scrape shows `value` for the series, and returns the scrape. */
async function until(app: AppServer, name: string, labels: Record<string, string>, value: number) {
  await eventually(async () => seriesValue(await app.scrape(), name, labels) === value, 15_000);
  return app.scrape();
}

describe('the browser SDK in real Chromium: web vitals, sessions, consent', () => {
  let browser: Browser;
  let dir: string;
  const apps: AppServer[] = [];
  const app = async (options: { sessionIdleMs?: number; consent?: 'pending' } = {}) => {
    const started = await startAppServer(dir, { intervalMs: INTERVAL_MS, ...options });
    apps.push(started);
    return started;
  };
  const open = async (): Promise<Page> => (await browser.newContext()).newPage();

  beforeAll(async () => {
    dir = await buildPage();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const a of apps) await a.close();
  });

  it('records LCP, INP, CLS, FCP and TTFB as histograms labelled by the declared route, on a page with a real layout shift and a slow interaction', async () => {
    const server = await app();
    const page = await open();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.getElementById('banner')?.style.height === '160px');
    await page.waitForTimeout(700); // the shift is well past any input: it counts
    await page.click('#filter'); // a 120 ms handler: the interaction's next paint waits for it
    await page.waitForFunction(() => document.getElementById('page')?.dataset['filtered'] === 'yes');
    // web-vitals takes in interactions when the page is idle (at most 1 s): as a visitor reading on.
    await page.waitForTimeout(1_500);
    await setTabVisibility(page, 'hidden'); // web-vitals finalises LCP, CLS and INP; the SDK sends
    const text = await until(server, 'browser_inp_seconds_count', { route: '/' }, 1);
    for (const vital of ['lcp', 'inp', 'fcp', 'ttfb'])
      expect(seriesValue(text, `browser_${vital}_seconds_count`, { route: '/' }), vital).toBe(1);
    expect(seriesValue(text, 'browser_cls_count', { route: '/' })).toBe(1);
    expect(seriesValue(text, 'browser_cls_sum', { route: '/' })).toBeGreaterThan(0);
    expect(seriesValue(text, 'browser_inp_seconds_sum', { route: '/' })).toBeGreaterThanOrEqual(0.1);
    expect(seriesValue(text, 'browser_lcp_seconds_sum', { route: '/' })).toBeGreaterThan(0);
    expect(seriesValue(text, 'browser_page_views_total', { route: '/' })).toBe(1);
    expect(text).not.toMatch(/route="http/);
    expect(seriesValue(text, 'bizmetrics_gateway_requests_total', { outcome: 'rejected' })).toBe(0);
    expect(seriesValue(text, 'bizmetrics_gateway_guard_events_total')).toBe(0);
    await page.context().close();
  });

  it('keeps one session across reloads, navigation and a hidden tab, ends it after inactivity and records its duration', async () => {
    const server = await app({ sessionIdleMs: IDLE_MS });
    const page = await open();
    await page.goto(`${server.url}/`);
    await page.click('#search');
    await page.reload(); // same tab: the session goes on
    await page.click('#product-link'); // SPA route change: a page view, and activity
    await page.waitForFunction(() => document.getElementById('page')?.textContent === 'product_view');
    await setTabVisibility(page, 'hidden'); // sends, but does not end the session
    await setTabVisibility(page, 'visible');
    await Promise.all([page.waitForURL(`${server.url}/bye`), page.click('#leave-link')]);
    await page.goto(`${server.url}/cart`); // back in the same tab: still the same session
    let text = await until(server, 'browser_page_views_total', { route: '/cart' }, 1);
    expect(seriesValue(text, 'business_sessions_started_total')).toBe(1);
    expect(seriesValue(text, 'business_session_duration_seconds_count')).toBe(0);
    expect(seriesValue(text, 'browser_page_views_total', { route: '/' })).toBe(2); // load and reload
    expect(seriesValue(text, 'browser_page_views_total', { route: '/products/:id' })).toBe(1);

    // Idle past the timeout with the tab open: the session ends at its last activity.
    await page.waitForTimeout(IDLE_MS + 1_500);
    await setTabVisibility(page, 'hidden');
    text = await until(server, 'business_session_duration_seconds_count', {}, 1);
    const seconds = seriesValue(text, 'business_session_duration_seconds_sum');
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(IDLE_MS / 1000 + 30);
    await setTabVisibility(page, 'visible');
    await page.click('#search'); // activity after the end starts a new session
    await setTabVisibility(page, 'hidden');
    await until(server, 'business_sessions_started_total', {}, 2);
    await page.context().close();
  });

  it('in consent mode sends nothing until granted; optOut stops and drops pending data, also after a reload', async () => {
    const server = await app({ consent: 'pending' });
    const page = await open();
    await page.goto(`${server.url}/`);
    await page.click('#search');
    await setTabVisibility(page, 'hidden');
    await setTabVisibility(page, 'visible');
    await page.waitForTimeout(500);
    expect(seriesValue(await server.scrape(), 'bizmetrics_gateway_requests_total')).toBe(0);
    expect(await page.evaluate(() => sessionStorage.getItem('bizmetrics.session'))).toBeNull();

    await page.evaluate(() =>
      (window as unknown as { bizmetrics: { grantConsent(): void } }).bizmetrics.grantConsent(),
    );
    await page.click('#search');
    await setTabVisibility(page, 'hidden');
    let text = await until(server, 'business_feature_usage_total', { feature: 'search' }, 1);
    await setTabVisibility(page, 'visible');

    await page.click('#search'); // pending when the visitor opts out: dropped, never sent
    await page.evaluate(() => (window as unknown as { bizmetrics: { optOut(): void } }).bizmetrics.optOut());
    await page.click('#search');
    await setTabVisibility(page, 'hidden');
    await setTabVisibility(page, 'visible');
    await page.reload();
    await page.click('#search');
    await setTabVisibility(page, 'hidden');
    await page.waitForTimeout(1_000);
    text = await server.scrape();
    expect(seriesValue(text, 'business_feature_usage_total', { feature: 'search' })).toBe(1);
    expect(seriesValue(text, 'bizmetrics_gateway_requests_total')).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('bizmetrics.optout'))).toBe('1');
    await page.context().close();
  });
});
