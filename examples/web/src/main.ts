import { createBrowserMetrics, defaultRoutePattern } from '@bizmetrics/browser';

const meta = (name: string, fallback: string) =>
  document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') || fallback;

// One instance per page load; the session goes on across the tab's pages. No revenue here: the
// order total is recorded by the server.
const metrics = createBrowserMetrics({
  endpoint: meta('bizmetrics-endpoint', '/v1/metrics'),
  exportIntervalMs: Number(meta('bizmetrics-interval', '15000')),
  sessionIdleMs: Number(meta('bizmetrics-session-idle', String(30 * 60_000))),
  consent: meta('bizmetrics-consent', 'granted') === 'pending' ? 'pending' : 'granted',
  user: { tier: 'premium', newUser: false },
  // The route templates page views and web vitals are labelled by: never the URL.
  routes: ['/', '/products/:id', '/cart', '/checkout'],
});
// For a consent banner (and the tests): grantConsent() / optOut().
(window as unknown as { bizmetrics: typeof metrics }).bizmetrics = metrics;

/** Funnel steps of this shop, by route pattern. */
const CHECKOUT_STEPS: Record<string, string> = {
  '/products/:id': 'product_view',
  '/cart': 'cart',
  '/checkout': 'checkout',
};

function onRoute(): void {
  const pattern = defaultRoutePattern(location);
  const step = CHECKOUT_STEPS[pattern];
  if (step) metrics.funnelStep('checkout', step);
  else metrics.activity();
  const page = document.getElementById('page');
  if (page) page.textContent = step ?? 'home';
}

function navigate(path: string): void {
  history.pushState({}, '', path);
  onRoute();
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest('a[data-route]');
  if (!link) return;
  event.preventDefault();
  navigate(link.getAttribute('href') ?? '/');
});
window.addEventListener('popstate', onRoute);
document.getElementById('search')?.addEventListener('click', () => metrics.featureUsed('search'));
document.getElementById('invite')?.addEventListener('click', () => metrics.milestone('invited_teammate'));
document.getElementById('add-to-cart')?.addEventListener('click', () => navigate('/cart'));
// A slow handler, as real pages have: the interaction's next paint waits for it (INP).
document.getElementById('filter')?.addEventListener('click', () => {
  const until = performance.now() + 120;
  while (performance.now() < until);
  document.getElementById('page')?.setAttribute('data-filtered', 'yes');
});
// A late banner pushes the footer down, as late-loading ads and consent bars do (CLS).
setTimeout(() => {
  const banner = document.getElementById('banner');
  if (banner) banner.style.height = '160px';
}, 400);
onRoute();
