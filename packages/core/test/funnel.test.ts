import { describe, expect, it } from 'vitest';
import { createHarness } from './harness.ts';

const STEPS = ['cart_view', 'shipping', 'payment', 'review', 'confirmed'] as const;
const web = { source: 'email', device_type: 'desktop', experiment_variant: 'A' };
const stepCount = (h: ReturnType<typeof createHarness>, step: string) =>
  h.value('business.funnel.steps', { funnel: 'checkout', step, ...web });
const anomaly = (h: ReturnType<typeof createHarness>, step: string, kind: string) =>
  h.value('bizmetrics.funnel.anomalies', { funnel: 'checkout', step, kind });

describe('funnel journeys', () => {
  it('records every step, a conversion and the time to convert on the last step', async () => {
    const h = createHarness();
    const journey = h.biz.funnel('checkout', STEPS, { conversionType: 'purchase' }).start(web);
    for (const step of STEPS) {
      h.tick(10_000);
      journey.step(step);
    }
    for (const step of STEPS) expect(await stepCount(h, step)).toBe(1);
    expect(journey.completed).toBe(true);
    expect(
      await h.value('business.conversions', { type: 'purchase', source: 'email', device_type: 'desktop' }),
    ).toBe(1);
    expect(await h.points('business.conversion.duration.seconds')).toEqual([
      { attributes: { type: 'purchase' }, value: 50, count: 1 },
    ]);
  });

  it('records an abandonment at the last step reached when ended early', async () => {
    const h = createHarness();
    const journey = h.biz.funnel('checkout', STEPS).start(web);
    journey.step('cart_view');
    journey.step('shipping');
    journey.end();
    journey.end();
    expect(await h.value('business.funnel.abandonments', { funnel: 'checkout', step: 'shipping' })).toBe(1);
    expect(await h.points('business.conversions')).toEqual([]);
  });

  it('does not count a repeated step twice and flags it as repeated', async () => {
    const h = createHarness();
    const journey = h.biz.funnel('checkout', STEPS).start(web);
    journey.step('cart_view');
    journey.step('cart_view');
    expect(await stepCount(h, 'cart_view')).toBe(1);
    expect(await anomaly(h, 'cart_view', 'repeated')).toBe(1);
  });

  it('ignores a step back and flags it as out of order', async () => {
    const h = createHarness();
    const journey = h.biz.funnel('checkout', STEPS).start(web);
    journey.step('cart_view');
    journey.step('shipping');
    journey.step('cart_view');
    expect(await stepCount(h, 'cart_view')).toBe(1);
    expect(journey.current).toBe('shipping');
    expect(await anomaly(h, 'cart_view', 'out_of_order')).toBe(1);
  });

  it('records a step that skips ahead, flags it as skipped and invents no skipped step', async () => {
    const h = createHarness();
    const journey = h.biz.funnel('checkout', STEPS).start(web);
    journey.step('cart_view');
    journey.step('payment');
    expect(await stepCount(h, 'payment')).toBe(1);
    expect(await stepCount(h, 'shipping')).toBeUndefined();
    expect(await anomaly(h, 'payment', 'skipped')).toBe(1);
  });

  it('flags steps after the journey ended and records nothing for them', async () => {
    const h = createHarness();
    const journey = h.biz.funnel('checkout', STEPS).start(web);
    journey.step('cart_view');
    journey.end();
    journey.step('shipping');
    expect(await stepCount(h, 'shipping')).toBeUndefined();
    expect(await anomaly(h, 'shipping', 'after_end')).toBe(1);
  });

  it('drops an unknown step in production and throws in strict mode', async () => {
    const h = createHarness();
    const journey = h.biz.funnel('checkout', STEPS).start(web);
    journey.step('teleport' as never);
    expect(await h.guard('funnel checkout', 'unknown_step', 'dropped')).toBe(1);
    const strict = createHarness({ mode: 'strict' });
    expect(() =>
      strict.biz
        .funnel('checkout', STEPS)
        .start(web)
        .step('teleport' as never),
    ).toThrow(/unknown_step/);
  });

  it('throws in strict mode on a funnel with fewer than two steps or a repeated step, naming it and the field', () => {
    const h = createHarness({ mode: 'strict' });
    expect(() => h.biz.funnel('x', ['a'])).toThrow(
      /funnel x: invalid_funnel: steps: a funnel needs at least two steps/,
    );
    expect(() => h.biz.funnel('x', ['a', 'a'])).toThrow(
      /funnel x: invalid_funnel: steps: a step is repeated/,
    );
  });

  it('does not throw in production on a bad funnel: counts invalid_funnel once and again per dropped step', async () => {
    const h = createHarness();
    const funnel = h.biz.funnel('x', null as never);
    const journey = funnel.start(web);
    journey.step('a' as never);
    journey.end();
    expect(await h.guard('funnel x', 'invalid_funnel', 'dropped')).toBe(2);
    expect(await h.points('business.funnel.steps')).toEqual([]);
  });
});
