import { createNoopMeter, metrics } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { startBizMetrics } from '../src/index.ts';
import { OnDemandReader } from './support.ts';

const none = { OTEL_METRICS_EXPORTER: 'none' };
const web = { source: 'google', device_type: 'mobile', experiment_variant: 'B' };

afterEach(() => metrics.disable());

describe('startBizMetrics', () => {
  it('records the business API on its own provider and reads back exact points', async () => {
    const reader = new OnDemandReader();
    const biz = startBizMetrics({ env: none, readers: [reader], handleSignals: false });
    const journey = biz.funnel('checkout', ['cart_view', 'shipping', 'confirmed']).start(web);
    journey.step('cart_view');
    journey.step('shipping');
    journey.step('confirmed');
    biz.revenue({
      amountMinor: 1999,
      currency: 'EUR',
      product_category: 'books',
      payment_method: 'card',
      region: 'eu',
    });
    expect(biz.ownsProvider).toBe(true);
    expect(
      await reader.value('business.funnel.steps', { funnel: 'checkout', step: 'confirmed', ...web }),
    ).toBe(1);
    expect(
      await reader.value('business.conversions', {
        type: 'checkout',
        source: 'google',
        device_type: 'mobile',
      }),
    ).toBe(1);
    expect(
      await reader.value('business.revenue.minor', {
        currency: 'EUR',
        product_category: 'books',
        payment_method: 'card',
        region: 'eu',
      }),
    ).toBe(1999);
    await biz.shutdown();
    await biz.shutdown();
  });

  it('uses a MeterProvider the application registered globally and builds none of its own', async () => {
    const reader = new OnDemandReader();
    const appProvider = new MeterProvider({ readers: [reader] });
    metrics.setGlobalMeterProvider(appProvider);
    const biz = startBizMetrics({ env: { OTEL_METRICS_EXPORTER: 'prometheus' }, handleSignals: false });
    expect(biz.ownsProvider).toBe(false);
    expect(biz.meterProvider).toBe(appProvider);
    expect(biz.prometheusUrl).toBeUndefined();
    biz.featureUsed({ feature: 'search', user_tier: 'free', new_user: false });
    expect(
      await reader.value('business.feature.usage', {
        feature: 'search',
        user_tier: 'free',
        new_user: 'false',
      }),
    ).toBe(1);
    await biz.shutdown();
    // The application's provider is the application's: the SDK flushed it and left it running.
    biz.featureUsed({ feature: 'search', user_tier: 'free', new_user: false });
    expect(
      await reader.value('business.feature.usage', {
        feature: 'search',
        user_tier: 'free',
        new_user: 'false',
      }),
    ).toBe(2);
    await appProvider.shutdown();
  });

  it('says once that exporter options in code are ignored when the application has a provider', async () => {
    const appProvider = new MeterProvider();
    metrics.setGlobalMeterProvider(appProvider);
    const logs: string[] = [];
    const biz = startBizMetrics({
      env: none,
      exporters: ['prometheus'],
      handleSignals: false,
      log: (m) => logs.push(m),
    });
    expect(logs).toEqual([expect.stringContaining('exporter options are ignored')]);
    await biz.shutdown();
    await appProvider.shutdown();
  });

  it('builds its own provider when the global one is a no-op registered through another API copy', async () => {
    metrics.setGlobalMeterProvider({ getMeter: () => createNoopMeter() });
    const reader = new OnDemandReader();
    const biz = startBizMetrics({ env: none, readers: [reader], handleSignals: false });
    expect(biz.ownsProvider).toBe(true);
    biz.milestone({ milestone: 'first_project', user_tier: 'free' });
    expect(await reader.value('business.milestones', { milestone: 'first_project', user_tier: 'free' })).toBe(
      1,
    );
    await biz.shutdown();
  });

  it('registers its provider globally only when asked', async () => {
    const a = startBizMetrics({ env: none, handleSignals: false });
    expect(metrics.getMeterProvider()).not.toBe(a.meterProvider);
    await a.shutdown();
    const b = startBizMetrics({ env: none, handleSignals: false, registerGlobal: true });
    expect(metrics.getMeterProvider()).toBe(b.meterProvider);
    await b.shutdown();
  });

  it('builds its own provider when only the API no-op provider is present', () => {
    const biz = startBizMetrics({ env: none, handleSignals: false });
    expect(biz.ownsProvider).toBe(true);
    return biz.shutdown();
  });

  it('gives a working no-op handle when OTEL_SDK_DISABLED=true: no exporter, no signal listener', async () => {
    const listeners = process.listenerCount('SIGTERM');
    const biz = startBizMetrics({ env: { OTEL_SDK_DISABLED: 'true', OTEL_METRICS_EXPORTER: 'prometheus' } });
    expect(process.listenerCount('SIGTERM')).toBe(listeners);
    expect(() =>
      biz.revenue({
        amountMinor: 1,
        currency: 'USD',
        product_category: 'x',
        payment_method: 'y',
        region: 'z',
      }),
    ).not.toThrow();
    expect(biz.config.disabled).toBe(true);
    expect(biz.prometheusUrl).toBeUndefined();
    expect(biz.ownsProvider).toBe(false);
    expect(biz.meterProvider.getMeter('x')).toBe(createNoopMeter());
    await expect(biz.forceFlush()).resolves.toBeUndefined();
    await expect(biz.shutdown()).resolves.toBeUndefined();
  });

  it('throws at start-up, naming the variable, for a bad environment value', () => {
    expect(() => startBizMetrics({ env: { OTEL_METRICS_EXPORTER: 'zipkin' }, handleSignals: false })).toThrow(
      /OTEL_METRICS_EXPORTER="zipkin" is not valid/,
    );
  });

  it('lets code options override the environment', async () => {
    const reader = new OnDemandReader();
    const biz = startBizMetrics({
      env: { OTEL_METRICS_EXPORTER: 'prometheus', OTEL_SERVICE_NAME: 'from-env' },
      exporters: ['none'],
      serviceName: 'from-code',
      readers: [reader],
      handleSignals: false,
    });
    expect(biz.prometheusUrl).toBeUndefined();
    biz.featureUsed({ feature: 'f', user_tier: 'free', new_user: false });
    expect((await reader.read()).resource.attributes['service.name']).toBe('from-code');
    await biz.shutdown();
  });

  it('applies each catalog metric series limit (+10) as the SDK cardinality limit, even outside the API', async () => {
    const reader = new OnDemandReader();
    const biz = startBizMetrics({ env: none, readers: [reader], handleSignals: false });
    // An instrument created directly on the provider, bypassing core's guards.
    const raw = biz.meterProvider.getMeter('raw').createCounter('business.sessions.started');
    for (let i = 0; i < 600; i++) raw.add(1, { user_tier: 'free', entry_page: `/p${i}` });
    const { resourceMetrics } = await reader.collect();
    const points = resourceMetrics.scopeMetrics.find((s) => s.scope.name === 'raw')!.metrics[0]!.dataPoints;
    expect(points.length).toBe(510);
    expect(points.some((p) => p.attributes['otel.metric.overflow'] === true)).toBe(true);
    expect(points.reduce((sum, p) => sum + (p.value as number), 0)).toBe(600);
    await biz.shutdown();
  });
});
