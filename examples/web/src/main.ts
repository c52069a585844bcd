import { createBrowserMetrics, defaultRoutePattern } from '@bizmetrics/browser';

const meta = (name: string, fallback: string) =>
  document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') || fallback;

// One instance per page load. No revenue here: the order total is recorded by the server.
const metrics = createBrowserMetrics({
  endpoint: meta('bizmetrics-endpoint', '/v1/metrics'),
  exportIntervalMs: Number(meta('bizmetrics-interval', '15000')),
  user: { tier: 'premium', newUser: false },
});

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
onRoute();
