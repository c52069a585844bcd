import type { Browser, Page } from 'playwright-core';

/**
 * Headless Chromium never hides a tab (tab switching, window minimising and lifecycle freezing
 * leave `visibilityState` at `visible`), so "the tab goes to the background" is the real event
 * a browser dispatches, with `visibilityState` set as the browser would set it. Navigation away and
 * closing a tab below are real.
 */
export async function setTabVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    if (s === 'visible') {
      // Back to the browser's own getters, so a later real unload reports `hidden` itself.
      Reflect.deleteProperty(document, 'visibilityState');
      Reflect.deleteProperty(document, 'hidden');
    }
  }, state);
}

/** What one visit produces, as the tests expect it on the server. */
export const ONE_VISIT = {
  // Hiding the tab does not end the session (it ends after 30 minutes without activity), so one
  // visit is one session that has not ended yet: no duration. sessions.e2e.test.ts ends sessions.
  sessionsFromHome: 1,
  sessionsFromCart: 0,
  sessionDurations: 0,
  searches: 2,
  invites: 1,
  steps: { product_view: 1, cart: 1, checkout: 1 },
} as const;

/**
 * One visitor in its own browser context: lands on `/`, searches twice, opens a product (route
 * change), adds it to the cart (route change), hides the tab (flush #1), comes back, invites a
 * teammate, goes to checkout (route change) and leaves the shop by a link (real navigation, flush #2).
 */
export async function visit(browser: Browser, baseUrl: string): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.click('#search');
    await page.click('#search');
    await page.click('#product-link');
    await page.waitForFunction(() => document.getElementById('page')?.textContent === 'product_view');
    await page.click('#add-to-cart');
    await page.waitForFunction(() => document.getElementById('page')?.textContent === 'cart');
    await setTabVisibility(page, 'hidden');
    await setTabVisibility(page, 'visible');
    await page.click('#invite');
    await page.click('#checkout-link');
    await page.waitForFunction(() => document.getElementById('page')?.textContent === 'checkout');
    await Promise.all([page.waitForURL(`${baseUrl}/bye`), page.click('#leave-link')]);
  } finally {
    await context.close();
  }
}
