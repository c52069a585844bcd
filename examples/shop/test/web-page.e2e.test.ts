import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebPage } from '../src/demo/web-page.ts';
import { type ShopHarness, startShop } from './support/shop-harness.ts';

const CHROMIUM = '/usr/bin/chromium';

describe('the web page served by the shop (real Chromium)', () => {
  it('has Debian Chromium (pnpm test installs it first)', () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} must exist: bash .ci/install-chromium.sh`).toBe(true);
  });

  let dir: string;
  let shop: ShopHarness;
  let browser: Browser;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shop-web-'));
    const built = await ensureWebPage(dir);
    if (!built) throw new Error('examples/web did not build');
    shop = await startShop(undefined, built);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reports the browser's feature uses and funnel steps through the shop's gateway handler into its /metrics", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${shop.url}/products/42`);
    await page.click('#search');
    await page.click('#search');
    await page.click('#add-to-cart');
    // A real navigation away: the page flushes its metrics on pagehide.
    await page.click('#leave-link');
    await page.waitForURL(/\/bye$/);
    const search = () =>
      shop.total('business_feature_usage_total', {
        feature: 'search',
        user_tier: 'premium',
        new_user: 'false',
      });
    for (let i = 0; i < 40 && (await search()) < 2; i++) await new Promise((r) => setTimeout(r, 250));
    expect(await search()).toBe(2);
    expect(await shop.total('business_funnel_steps_total', { step: 'cart' })).toBe(1);
    expect(await shop.total('bizmetrics_gateway_requests_total', { outcome: 'rejected' })).toBe(0);
  });
});
