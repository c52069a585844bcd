import { describe, expect, it } from 'vitest';
import { defineMetric } from '../src/index.ts';
import { createHarness, order } from './harness.ts';

const web = { source: 'google', device_type: 'mobile', experiment_variant: 'B' };

describe('business API records every standard metric exactly', () => {
  it('records a funnel step with its labels', async () => {
    const h = createHarness();
    h.biz.funnelStep({ funnel: 'checkout', step: 'cart_view', ...web });
    h.biz.funnelStep({ funnel: 'checkout', step: 'cart_view', ...web });
    expect(await h.value('business.funnel.steps', { funnel: 'checkout', step: 'cart_view', ...web })).toBe(2);
  });

  it('records a conversion and the time since the session started', async () => {
    const h = createHarness();
    const startedAt = 1_000_000 - 90_000;
    h.biz.conversion({
      type: 'purchase',
      source: 'google',
      device_type: 'desktop',
      sessionStartedAt: startedAt,
    });
    expect(
      await h.value('business.conversions', { type: 'purchase', source: 'google', device_type: 'desktop' }),
    ).toBe(1);
    expect(await h.points('business.conversion.duration.seconds')).toEqual([
      { attributes: { type: 'purchase' }, value: 90, count: 1 },
    ]);
  });

  it('records revenue in minor units and the order value distribution', async () => {
    const h = createHarness();
    h.biz.revenue(order({ amountMinor: 4999 }));
    h.biz.revenue(order({ amountMinor: 1 }));
    const labels = { currency: 'USD', product_category: 'books', payment_method: 'card', region: 'eu' };
    expect(await h.value('business.revenue.minor', labels)).toBe(5000);
    expect(await h.points('business.order.value.minor')).toEqual([
      { attributes: { currency: 'USD', product_category: 'books' }, value: 5000, count: 2 },
    ]);
  });

  it('records refunds on their own counter, leaving revenue untouched', async () => {
    const h = createHarness();
    h.biz.refund(order({ amountMinor: 1500, currency: 'EUR' }));
    expect(
      await h.value('business.refunds.minor', {
        currency: 'EUR',
        product_category: 'books',
        payment_method: 'card',
        region: 'eu',
      }),
    ).toBe(1500);
    expect(await h.points('business.revenue.minor')).toEqual([]);
  });

  it('records feature usage with a boolean new-user flag as "true"/"false"', async () => {
    const h = createHarness();
    h.biz.featureUsed({ feature: 'wishlist', user_tier: 'premium', new_user: true });
    expect(
      await h.value('business.feature.usage', {
        feature: 'wishlist',
        user_tier: 'premium',
        new_user: 'true',
      }),
    ).toBe(1);
  });

  it('records session starts, ends (from a duration or a start time) and milestones', async () => {
    const h = createHarness();
    h.biz.sessionStarted({ user_tier: 'free', entry_page: '/products/:id' });
    h.biz.sessionEnded({ user_tier: 'free', entry_page: '/products/:id', durationSeconds: 30 });
    h.biz.sessionEnded({ user_tier: 'free', entry_page: '/products/:id', startedAt: 1_000_000 - 12_000 });
    h.biz.milestone({ milestone: 'first_order', user_tier: 'free' });
    expect(
      await h.value('business.sessions.started', { user_tier: 'free', entry_page: '/products/:id' }),
    ).toBe(1);
    expect(await h.points('business.session.duration.seconds')).toEqual([
      { attributes: { user_tier: 'free', entry_page: '/products/:id' }, value: 42, count: 2 },
    ]);
    expect(await h.value('business.milestones', { milestone: 'first_order', user_tier: 'free' })).toBe(1);
  });

  it('reads active users from the registered callback at each collection, until unregistered', async () => {
    const h = createHarness();
    let daily = 120;
    const off = h.biz.onActiveUsers(() => [
      { window: 'daily', user_tier: 'free', count: daily },
      { window: 'monthly', user_tier: 'enterprise', count: 7 },
    ]);
    expect(await h.value('business.active_users', { window: 'daily', user_tier: 'free' })).toBe(120);
    daily = 130;
    expect(await h.value('business.active_users', { window: 'daily', user_tier: 'free' })).toBe(130);
    expect(await h.value('business.active_users', { window: 'monthly', user_tier: 'enterprise' })).toBe(7);
    off();
    daily = 999;
    // sdk-metrics keeps the last cumulative value of an async series; the callback is no longer read.
    expect(await h.value('business.active_users', { window: 'daily', user_tier: 'free' })).toBe(130);
  });

  it('records user-defined metrics through the same guarded API', async () => {
    const h = createHarness();
    const signups = defineMetric({
      kind: 'counter',
      name: 'shop.signups',
      unit: '{signup}',
      description: 'Sign-ups.',
      owner: 'growth',
      labels: { plan: { values: ['free', 'pro'] } },
    });
    const queue = defineMetric({
      kind: 'updown',
      name: 'shop.carts.open',
      unit: '{cart}',
      description: 'Open carts.',
      owner: 'growth',
      labels: {},
    });
    h.biz.counter(signups).add(2, { plan: 'pro' });
    h.biz.counter(signups).add(1, { plan: 'gold' });
    h.biz.upDown(queue).add(3, {});
    h.biz.upDown(queue).add(-1, {});
    expect(await h.value('shop.signups', { plan: 'pro' })).toBe(2);
    expect(await h.value('shop.signups', { plan: 'other' })).toBe(1);
    expect(await h.value('shop.carts.open', {})).toBe(2);
  });

  it('primes known label sets at zero so the series exist before the first event', async () => {
    const h = createHarness();
    const { standardCatalog } = await import('../src/index.ts');
    h.biz.prime(standardCatalog.conversions, [
      { type: 'purchase', source: 'direct', device_type: 'desktop' },
    ]);
    expect(
      await h.value('business.conversions', { type: 'purchase', source: 'direct', device_type: 'desktop' }),
    ).toBe(0);
  });

  it('checks label names at compile time (typecheck fails if these lines compile)', async () => {
    const h = createHarness();
    // @ts-expect-error user_id is not a label of business.feature.usage
    h.biz.featureUsed({ feature: 'x', user_tier: 'free', new_user: true, user_id: 'u-1' });
    // @ts-expect-error new_user is missing
    h.biz.featureUsed({ feature: 'x', user_tier: 'free' });
    // At runtime both were still recorded, with the guards' corrections.
    expect(
      await h.value('business.feature.usage', { feature: 'x', user_tier: 'free', new_user: 'true' }),
    ).toBe(1);
    expect(
      await h.value('business.feature.usage', { feature: 'x', user_tier: 'free', new_user: 'other' }),
    ).toBe(1);
  });
});
