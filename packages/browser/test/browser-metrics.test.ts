import { describe, expect, it } from 'vitest';
import { createBrowserMetrics } from '../src/index.ts';
import { createCaptureFetch, memoryStorage, total } from './capture-fetch.ts';
import { createFakePage } from './fake-page.ts';

const settle = () => new Promise((r) => setTimeout(r, 20));

function setup(overrides: Partial<Parameters<typeof createBrowserMetrics>[0]> = {}) {
  const capture = createCaptureFetch();
  const page = createFakePage('/orders/12345');
  let clock = 1_000_000;
  const logs: string[] = [];
  const storage = { session: memoryStorage(), local: memoryStorage() };
  const options = {
    endpoint: 'http://gateway.test/v1/metrics',
    fetch: capture.fetch,
    page,
    storage,
    now: () => clock,
    log: (m: string) => logs.push(m),
    exportIntervalMs: 60_000,
    deviceType: 'desktop' as const,
    ...overrides,
  };
  const metrics = createBrowserMetrics(options);
  return {
    capture,
    page,
    metrics,
    logs,
    storage,
    options,
    tick: (ms: number) => (clock += ms),
    /** The same tab's next page (a reload or a navigation): same sessionStorage, a new instance. */
    reload: () => createBrowserMetrics(options),
  };
}

describe('createBrowserMetrics', () => {
  it('starts a session on load with the entry page as a route pattern, never the raw URL', async () => {
    const { capture, metrics } = setup();
    await metrics.flush();
    const points = capture.points();
    expect(total(points, 'business.sessions.started', { entry_page: '/orders/:id', user_tier: 'free' })).toBe(
      1,
    );
    expect(JSON.stringify(points)).not.toContain('12345');
    await metrics.shutdown();
  });

  it('sends OTLP/JSON delta sums, so each batch holds only what is new', async () => {
    const { capture, metrics } = setup();
    metrics.featureUsed('search');
    await metrics.flush();
    metrics.featureUsed('search');
    await metrics.flush();
    const searches = capture.points().filter((p) => p.name === 'business.feature.usage');
    expect(searches.map((p) => p.value)).toEqual([1, 1]);
    expect(searches.every((p) => p.temporality === 1)).toBe(true);
    expect(capture.requests[0]?.keepalive).toBe(true);
    await metrics.shutdown();
  });

  it('labels feature usage with the tier and new-user flag set by setUser', async () => {
    const { capture, metrics } = setup();
    metrics.setUser({ tier: 'premium', newUser: true });
    metrics.featureUsed('export');
    await metrics.flush();
    expect(capture.points().find((p) => p.name === 'business.feature.usage')?.attributes).toEqual({
      feature: 'export',
      user_tier: 'premium',
      new_user: 'true',
    });
    await metrics.shutdown();
  });

  it('fills funnel step labels from the page context', async () => {
    const { capture, metrics } = setup({ source: 'ads', experimentVariant: 'b' });
    metrics.funnelStep('checkout', 'cart');
    await metrics.flush();
    expect(capture.points().find((p) => p.name === 'business.funnel.steps')?.attributes).toEqual({
      funnel: 'checkout',
      step: 'cart',
      source: 'ads',
      device_type: 'desktop',
      experiment_variant: 'b',
    });
    await metrics.shutdown();
  });

  it('applies core label rules in the page: control characters and unknown values become other, counted', async () => {
    const { capture, metrics } = setup({
      allowedValues: { 'business.feature.usage': { feature: ['search'] } },
    });
    metrics.featureUsed('x9f3k');
    metrics.milestone('bad\nvalue');
    await metrics.flush();
    const points = capture.points();
    expect(total(points, 'business.feature.usage', { feature: 'other' })).toBe(1);
    expect(total(points, 'business.milestones', { milestone: 'other' })).toBe(1);
    expect(
      total(points, 'bizmetrics.guard.events', { reason: 'unknown_label_value', action: 'mapped' }),
    ).toBe(1);
    expect(total(points, 'bizmetrics.guard.events', { reason: 'control_character', action: 'mapped' })).toBe(
      1,
    );
    await metrics.shutdown();
  });

  it('flushes when the tab is hidden, without ending the session', async () => {
    const { capture, page, tick, metrics } = setup();
    metrics.featureUsed('search');
    tick(42_000);
    page.setVisibility('hidden');
    await settle();
    const points = capture.points();
    expect(total(points, 'business.feature.usage')).toBe(1);
    expect(total(points, 'business.session.duration.seconds')).toBe(0);
    page.setVisibility('visible');
    page.dispatch('pointerdown');
    await metrics.flush();
    expect(total(capture.points(), 'business.sessions.started')).toBe(1);
    await metrics.shutdown();
  });

  it('sends nothing for an idle tab', async () => {
    const { capture, metrics } = setup();
    await metrics.flush();
    const before = capture.bodies.length;
    await metrics.flush();
    await metrics.flush();
    expect(capture.bodies.length).toBe(before);
    await metrics.shutdown();
  });

  it('keeps a batch that failed for a passing reason and sends it with the next export', async () => {
    const { capture, metrics } = setup();
    capture.status = 0; // network error
    metrics.milestone('first_project');
    await metrics.flush();
    capture.status = 503;
    await metrics.flush();
    capture.status = 200;
    metrics.milestone('first_project');
    await metrics.flush();
    expect(total(capture.points(), 'business.milestones', { milestone: 'first_project' })).toBe(2);
    await metrics.shutdown();
  });

  it('drops a batch the gateway refuses for good (400, 413) instead of circling it', async () => {
    const { capture, metrics, logs } = setup();
    capture.status = 413;
    metrics.milestone('first_project');
    await metrics.flush();
    capture.status = 200;
    await metrics.flush();
    expect(total(capture.points(), 'business.milestones')).toBe(0);
    expect(logs.some((l) => l.includes('dropped 1 unsent metric batch'))).toBe(true);
    await metrics.shutdown();
  });

  it('never throws into the page, even when its route pattern function and logger do', async () => {
    const { metrics } = setup({
      routePattern: () => {
        throw new Error('router broke');
      },
      log: () => {
        throw new Error('logger broke');
      },
    });
    expect(() => metrics.featureUsed(42 as never)).not.toThrow();
    expect(() => metrics.setUser(null as never)).not.toThrow();
    await expect(metrics.flush()).resolves.toBeUndefined();
    await metrics.shutdown();
  });

  it('exposes no revenue or conversion call', () => {
    const { metrics } = setup();
    expect(Object.keys(metrics).sort()).toEqual(
      [
        'activity',
        'featureUsed',
        'flush',
        'funnelStep',
        'grantConsent',
        'milestone',
        'optOut',
        'recording',
        'sampled',
        'setRoute',
        'setUser',
        'shutdown',
      ].sort(),
    );
    void metrics.shutdown();
  });
});

describe('sessions across the pages of a tab', () => {
  it('a reload continues the session: no second start, and the end is recorded once after inactivity', async () => {
    const t = setup({ sessionIdleMs: 60_000 });
    t.tick(10_000);
    t.metrics.activity();
    await t.metrics.shutdown();
    const next = t.reload();
    t.tick(20_000);
    next.featureUsed('search');
    await next.shutdown();
    t.tick(61_000); // idle past the timeout, then the tab's next page
    const third = t.reload();
    await third.flush();
    const points = t.capture.points();
    expect(total(points, 'business.sessions.started')).toBe(2); // the first, and a new one on the third page
    const ended = points.filter((p) => p.name === 'business.session.duration.seconds');
    expect(ended.map((p) => [p.count, p.value])).toEqual([[1, 30]]); // first activity to last: 30 s
    await third.shutdown();
  });

  it('ends the session after the inactivity timeout while the tab stays open', async () => {
    const t = setup({ sessionIdleMs: 30 });
    t.tick(100);
    await new Promise((r) => setTimeout(r, 80));
    await t.metrics.flush();
    expect(total(t.capture.points(), 'business.session.duration.seconds')).toBe(1);
    await t.metrics.shutdown();
  });
});

describe('sampling with compensation', () => {
  it('records nothing in a sampled-out tab, and the draw holds across reloads', async () => {
    const t = setup({ sampleRate: 0.25, random: () => 0.5 });
    t.metrics.featureUsed('search');
    await t.metrics.flush();
    expect(t.metrics.sampled).toBe(false);
    expect(t.capture.bodies).toEqual([]);
    const again = createBrowserMetrics({ ...t.options, random: () => 0 });
    expect(again.sampled).toBe(false);
  });

  it('scales every count of a sampled-in tab by 1/rate', async () => {
    const t = setup({ sampleRate: 0.25, random: () => 0.1 });
    t.metrics.featureUsed('search');
    t.metrics.featureUsed('search');
    await t.metrics.flush();
    expect(total(t.capture.points(), 'business.feature.usage')).toBe(8);
    expect(total(t.capture.points(), 'business.sessions.started')).toBe(4);
    await t.metrics.shutdown();
  });

  it('keeps totals unbiased when 1/rate is not whole (3 in 10): rounding at random', async () => {
    // 2000 tabs each using a feature 5 times, at rate 0.3, with a seeded random source.
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let estimate = 0;
    for (let tab = 0; tab < 2000; tab++) {
      const t = setup({ sampleRate: 0.3, random });
      for (let i = 0; i < 5; i++) t.metrics.featureUsed('search');
      await t.metrics.flush();
      estimate += total(t.capture.points(), 'business.feature.usage');
      await t.metrics.shutdown();
    }
    // True total 10 000; tab-level sampling error ≈ sqrt((1-p)/(p·T)) = 3.4 % here (README).
    expect(Math.abs(estimate - 10_000) / 10_000).toBeLessThan(0.1);
  });
});

describe('consent and opt-out', () => {
  it('records, stores and sends nothing while consent is pending; everything after it is granted', async () => {
    const t = setup({ consent: 'pending' });
    t.metrics.featureUsed('search');
    await t.metrics.flush();
    expect(t.metrics.recording).toBe(false);
    expect(t.capture.bodies).toEqual([]);
    expect(t.storage.session.map.has('bizmetrics.session')).toBe(false);
    t.metrics.grantConsent();
    t.metrics.featureUsed('search');
    await t.metrics.flush();
    expect(total(t.capture.points(), 'business.feature.usage')).toBe(1);
    await t.metrics.shutdown();
  });

  it('optOut stops recording, drops what was not sent, and is remembered by the next page', async () => {
    const t = setup();
    t.metrics.featureUsed('search');
    t.metrics.optOut();
    t.metrics.featureUsed('search');
    await t.metrics.flush();
    expect(t.capture.bodies).toEqual([]);
    expect(t.storage.session.map.has('bizmetrics.session')).toBe(false);
    const next = t.reload();
    next.featureUsed('search');
    await next.flush();
    expect(next.recording).toBe(false);
    expect(t.capture.bodies).toEqual([]);
    next.grantConsent();
    next.featureUsed('search');
    await next.flush();
    expect(total(t.capture.points(), 'business.feature.usage')).toBe(1);
    await next.shutdown();
  });
});

describe('routes', () => {
  it('labels page views by the declared route template, never the URL', async () => {
    const t = setup({ routes: ['/orders/:id', '/docs/*'] });
    await t.metrics.flush();
    expect(total(t.capture.points(), 'browser.page.views', { route: '/orders/:id' })).toBe(1);
    expect(JSON.stringify(t.capture.points())).not.toContain('12345');
    await t.metrics.shutdown();
  });

  it('labels other when no declared template matches, or setRoute names an undeclared one', async () => {
    const t = setup({ routes: ['/cart'] });
    t.metrics.setRoute('/orders/12345');
    t.metrics.funnelStep('checkout', 'cart');
    await t.metrics.flush();
    expect(total(t.capture.points(), 'browser.page.views', { route: 'other' })).toBe(1);
    expect(JSON.stringify(t.capture.points())).not.toContain('12345');
    await t.metrics.shutdown();
  });
});
