import { AggregationTemporality } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { createBrowserMetrics } from '../src/index.ts';
import { createCaptureExporter, total } from './capture-exporter.ts';
import { createFakePage } from './fake-page.ts';

const settle = () => new Promise((r) => setTimeout(r, 20));

function setup(overrides: Parameters<typeof createBrowserMetrics>[0] | object = {}) {
  const exporter = createCaptureExporter();
  const page = createFakePage('/orders/12345');
  let clock = 1_000_000;
  const logs: string[] = [];
  const metrics = createBrowserMetrics({
    endpoint: '/v1/metrics',
    exporter,
    page,
    now: () => clock,
    log: (m) => logs.push(m),
    exportIntervalMs: 60_000,
    deviceType: 'desktop',
    ...overrides,
  });
  return { exporter, page, metrics, logs, tick: (ms: number) => (clock += ms) };
}

describe('createBrowserMetrics', () => {
  it('starts a session on load with the entry page as a route pattern, never the raw URL', async () => {
    const { exporter, metrics } = setup();
    await metrics.flush();
    const points = exporter.points();
    expect(total(points, 'business.sessions.started', { entry_page: '/orders/:id', user_tier: 'free' })).toBe(
      1,
    );
    expect(JSON.stringify(points)).not.toContain('12345');
    await metrics.shutdown();
  });

  it('ends the session and flushes when the tab is hidden, with the visible time as duration', async () => {
    const { exporter, page, tick, metrics } = setup();
    tick(42_000);
    page.setVisibility('hidden');
    await settle();
    const points = exporter.points();
    const duration = points.find((p) => p.name === 'business.session.duration.seconds');
    expect(duration?.count).toBe(1);
    expect(duration?.value).toBe(42);
    expect(duration?.attributes).toEqual({ user_tier: 'free', entry_page: '/orders/:id' });
    await metrics.shutdown();
  });

  it('exports with delta temporality, so each batch holds only what is new', async () => {
    const { exporter, metrics } = setup();
    metrics.featureUsed('search');
    await metrics.flush();
    metrics.featureUsed('search');
    await metrics.flush();
    const searches = exporter.points().filter((p) => p.name === 'business.feature.usage');
    expect(searches.map((p) => p.value)).toEqual([1, 1]);
    expect(searches.every((p) => p.temporality === AggregationTemporality.DELTA)).toBe(true);
    await metrics.shutdown();
  });

  it('labels feature usage with the tier and new-user flag set by setUser', async () => {
    const { exporter, metrics } = setup();
    metrics.setUser({ tier: 'premium', newUser: true });
    metrics.featureUsed('export');
    await metrics.flush();
    expect(exporter.points().find((p) => p.name === 'business.feature.usage')?.attributes).toEqual({
      feature: 'export',
      user_tier: 'premium',
      new_user: 'true',
    });
    await metrics.shutdown();
  });

  it('fills funnel step labels from the page context', async () => {
    const { exporter, metrics } = setup({ source: 'ads', experimentVariant: 'b' });
    metrics.funnelStep('checkout', 'cart');
    await metrics.flush();
    expect(exporter.points().find((p) => p.name === 'business.funnel.steps')?.attributes).toEqual({
      funnel: 'checkout',
      step: 'cart',
      source: 'ads',
      device_type: 'desktop',
      experiment_variant: 'b',
    });
    await metrics.shutdown();
  });

  it('starts a new session on activity after the page was hidden', async () => {
    const { exporter, page, metrics } = setup();
    page.setVisibility('hidden');
    page.setVisibility('visible');
    page.dispatch('pointerdown');
    await metrics.flush();
    expect(total(exporter.points(), 'business.sessions.started')).toBe(2);
    await metrics.shutdown();
  });

  it('sends nothing for an idle tab: empty delta batches are skipped', async () => {
    const { exporter, metrics } = setup();
    await metrics.flush();
    const before = exporter.batches.length;
    await metrics.flush();
    await metrics.flush();
    expect(exporter.batches.length).toBe(before);
    await metrics.shutdown();
  });

  it('keeps a failed batch and sends it with the next export', async () => {
    const { exporter, metrics } = setup();
    exporter.fail = true;
    metrics.milestone('first_project');
    await metrics.flush();
    exporter.fail = false;
    metrics.milestone('first_project');
    await metrics.flush();
    expect(total(exporter.points(), 'business.milestones', { milestone: 'first_project' })).toBe(2);
    await metrics.shutdown();
  });

  it('records nothing when the page load is sampled out', async () => {
    const { exporter, metrics } = setup({ sampleRate: 0.25, random: () => 0.5 });
    metrics.featureUsed('search');
    await metrics.flush();
    expect(metrics.sampled).toBe(false);
    expect(exporter.batches).toEqual([]);
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
        'milestone',
        'sampled',
        'setUser',
        'shutdown',
      ].sort(),
    );
    void metrics.shutdown();
  });
});

describe('retry queue', () => {
  it('gives a batch up after three failed attempts, so a refused batch does not circle forever', async () => {
    const { exporter, metrics, logs } = setup();
    exporter.fail = true;
    metrics.milestone('first_project');
    await metrics.flush();
    await metrics.flush();
    await metrics.flush();
    exporter.fail = false;
    await metrics.flush();
    expect(total(exporter.points(), 'business.milestones')).toBe(0);
    expect(logs.some((l) => l.includes('dropped 1 unsent metric batch'))).toBe(true);
    await metrics.shutdown();
  });
});

describe('retry queue on page hide', () => {
  it('re-sends a queued batch on a flush even when nothing new was recorded', async () => {
    const { exporter, metrics } = setup();
    exporter.fail = true;
    metrics.milestone('first_project');
    await metrics.flush();
    exporter.fail = false;
    await metrics.flush();
    expect(total(exporter.points(), 'business.milestones')).toBe(1);
    await metrics.shutdown();
  });
});
