import { createRng } from '@bizmetrics/core/random';
import { describe, expect, it } from 'vitest';
import { expectedKpis } from '../src/traffic/expected.ts';
import { DEFAULT_MIX } from '../src/traffic/mix.ts';
import { planVisit, type VisitPlan } from '../src/traffic/visit-plan.ts';

const N = 20_000;
const plans = (seed: number): VisitPlan[] => {
  const rng = createRng(seed);
  return Array.from({ length: N }, (_, i) => planVisit(rng, DEFAULT_MIX, i));
};
const share = <T>(items: readonly T[], pred: (t: T) => boolean) => items.filter(pred).length / items.length;
const weightShare = (weights: Readonly<Record<string, number>>, key: string) =>
  weights[key]! / Object.values(weights).reduce((a, b) => a + b, 0);

describe('traffic mix', () => {
  const visits = plans(1);
  const checkouts = visits.flatMap((v) => (v.checkout ? [v.checkout] : []));

  it('replays the same visits for the same seed and different ones for another', () => {
    expect(plans(1).slice(0, 50)).toEqual(visits.slice(0, 50));
    expect(plans(2).slice(0, 50)).not.toEqual(visits.slice(0, 50));
  });

  it.each(Object.keys(DEFAULT_MIX.sources))('draws source %s in proportion to its weight', (source) => {
    expect(share(checkouts, (c) => c.source === source)).toBeCloseTo(
      weightShare(DEFAULT_MIX.sources, source),
      1,
    );
  });

  it.each(Object.keys(DEFAULT_MIX.devices))('draws device %s in proportion to its weight', (device) => {
    expect(share(checkouts, (c) => c.device_type === device)).toBeCloseTo(
      weightShare(DEFAULT_MIX.devices, device),
      1,
    );
  });

  it('splits the experiment variants evenly', () => {
    expect(share(checkouts, (c) => c.experiment_variant === 'control')).toBeCloseTo(0.5, 1);
  });

  it('pays in the currency of the region, in whole minor units', () => {
    const wrong = checkouts.filter(
      (c) =>
        c.currency !== DEFAULT_MIX.regionSpecs[c.region]!.currency ||
        !Number.isInteger(c.cartMinor) ||
        c.cartMinor <= 0,
    );
    expect(wrong).toEqual([]);
  });

  it('prices carts by category: electronics cost more than books, yen amounts are about 150 per dollar', () => {
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const usd = (cat: string) =>
      median(
        checkouts.filter((c) => c.currency === 'USD' && c.product_category === cat).map((c) => c.cartMinor),
      );
    expect(usd('electronics')).toBeGreaterThan(5 * usd('books'));
    const jpyBooks = median(
      checkouts.filter((c) => c.currency === 'JPY' && c.product_category === 'books').map((c) => c.cartMinor),
    );
    expect(jpyBooks / usd('books')).toBeCloseTo(1.5, 0);
  });

  it('has new users at the configured share, and only they get new ids', () => {
    expect(share(visits, (v) => v.newUser)).toBeCloseTo(DEFAULT_MIX.newUserShare, 1);
    expect(visits.every((v) => v.newUser === v.userId.startsWith('new-'))).toBe(true);
  });

  it('sends the configured share to checkout and loses shoppers at every step', () => {
    expect(checkouts.length / N).toBeCloseTo(DEFAULT_MIX.checkoutShare, 1);
    const atLeast = (step: string) => {
      const order = ['cart_view', 'shipping', 'payment', 'review', 'confirmed'];
      return share(checkouts, (c) => order.indexOf(c.intent) >= order.indexOf(step));
    };
    expect(atLeast('shipping')).toBeCloseTo(DEFAULT_MIX.continueTo.shipping, 1);
    expect(atLeast('payment')).toBeLessThan(atLeast('shipping'));
    expect(atLeast('confirmed')).toBeLessThan(atLeast('review'));
  });

  it('converts mobile and social traffic worse than desktop and email', () => {
    const rate = (pred: (c: (typeof checkouts)[number]) => boolean) => {
      const group = checkouts.filter(pred);
      return share(group, (c) => c.intent === 'confirmed');
    };
    expect(rate((c) => c.device_type === 'desktop')).toBeGreaterThan(rate((c) => c.device_type === 'mobile'));
    expect(rate((c) => c.source === 'email')).toBeGreaterThan(rate((c) => c.source === 'instagram'));
  });
});

describe('expected KPIs', () => {
  it('scale with the visitor rate and keep ratios', () => {
    const slow = expectedKpis(2);
    const fast = expectedKpis(4);
    expect(fast.cartViewsPerMinute).toBeCloseTo(2 * slow.cartViewsPerMinute, 6);
    expect(fast.conversion).toBe(slow.conversion);
    expect(slow.conversion + slow.abandonment).toBeCloseTo(1, 9);
    expect(slow.conversion).toBeGreaterThan(0.4);
    expect(slow.conversion).toBeLessThan(0.8);
  });
});
