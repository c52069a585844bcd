import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createBrowserMetrics } from '../src/index.ts';
import { BizMetricsProvider, useBizMetrics } from '../src/react/index.ts';
import { createCaptureFetch, total } from './capture-fetch.ts';

/** A component that records during render (a test shortcut for an event handler). */
function SearchBox() {
  const { trackFeatureUsage, trackFunnelStep, setUser } = useBizMetrics();
  setUser({ tier: 'enterprise' });
  trackFeatureUsage('search');
  trackFunnelStep('checkout', 'cart');
  return createElement('button', { type: 'button' }, 'Search');
}

function Lonely() {
  useBizMetrics().trackMilestone('first_project');
  return null;
}

describe('useBizMetrics (react subpath)', () => {
  it('records through the provider’s instance', async () => {
    const capture = createCaptureFetch();
    const metrics = createBrowserMetrics({
      endpoint: 'http://gateway.test/v1/metrics',
      fetch: capture.fetch,
      exportIntervalMs: 60_000,
    });
    const html = renderToString(createElement(BizMetricsProvider, { metrics }, createElement(SearchBox)));
    expect(html).toBe('<button type="button">Search</button>');
    await metrics.flush();
    const points = capture.points();
    expect(total(points, 'business.feature.usage', { feature: 'search', user_tier: 'enterprise' })).toBe(1);
    expect(total(points, 'business.funnel.steps', { funnel: 'checkout', step: 'cart' })).toBe(1);
    await metrics.shutdown();
  });

  it('is a no-op outside a provider', () => {
    expect(() => renderToString(createElement(Lonely))).not.toThrow();
  });
});
