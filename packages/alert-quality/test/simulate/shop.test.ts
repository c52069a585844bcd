import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/index.ts';
import { expectedTraffic } from '../../src/simulate/seasonality.ts';
import { simulateShop } from '../../src/simulate/shop.ts';

const hour = (day: number, h: number) => day * 1440 + h * 60;
const increase = (values: Float64Array, from: number, minutes: number) =>
  values[from + minutes - 1]! - values[from - 1]!;

const incidents: Incident[] = [
  { class: 'total collapse', startMinute: hour(1, 20), minutes: 30, effect: { traffic: 0 } },
  {
    class: 'partial outage (one region)',
    startMinute: hour(2, 20),
    minutes: 30,
    effect: { regionDown: 'us' },
  },
  {
    class: 'payment provider outage',
    startMinute: hour(3, 20),
    minutes: 30,
    effect: { methodDown: 'paypal' },
  },
  {
    class: 'slow burn (−20 % over 6 h)',
    startMinute: hour(4, 10),
    minutes: 600,
    rampMinutes: 360,
    effect: { confirm: 0.8 },
  },
];
const series = simulateShop({ weeks: 1, seed: 7, incidents, holidays: [{ day: 6, traffic: 0.4 }] });
const find = (name: string, labels: Record<string, string>) =>
  series.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))!.values;
const step = (s: string) => find('business_funnel_steps_total', { step: s });
const revenue = (labels: Record<string, string>) =>
  series
    .filter(
      (s) =>
        s.name === 'business_revenue_minor_total' &&
        Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    )
    .map((s) => s.values);

describe('traffic simulator', () => {
  it('has quiet nights, an evening peak and a weekend dip', () => {
    expect(expectedTraffic(hour(1, 3))).toBeLessThan(expectedTraffic(hour(1, 20)) * 0.1);
    expect(expectedTraffic(hour(5, 20))).toBeCloseTo(expectedTraffic(hour(1, 20)) * 0.7, 6);
  });

  it('is deterministic for a seed, from the one seeded RNG', () => {
    const again = simulateShop({ weeks: 1, seed: 7, incidents, holidays: [{ day: 6, traffic: 0.4 }] });
    expect(again.map((s) => s.values)).toEqual(series.map((s) => s.values));
  });

  it('produces monotonic counters, so rate() sees no resets', () => {
    for (const s of series)
      for (let m = 1; m < s.values.length; m += 97)
        expect(s.values[m]!).toBeGreaterThanOrEqual(s.values[m - 1]!);
  });

  it('empties every counter in a total collapse, while the series stay', () => {
    const from = hour(1, 20);
    expect(increase(step('cart_view'), from, 30)).toBe(0);
    expect(increase(find('business_sessions_started_total', {}), from, 30)).toBe(0);
    expect(increase(step('cart_view'), from - 30, 30)).toBeGreaterThan(300);
  });

  it('stops one region’s revenue in a regional outage and one method’s in a provider outage', () => {
    const sum = (list: Float64Array[], from: number) => list.reduce((a, v) => a + increase(v, from, 30), 0);
    expect(sum(revenue({ region: 'us' }), hour(2, 20))).toBe(0);
    expect(sum(revenue({ region: 'eu' }), hour(2, 20))).toBeGreaterThan(0);
    expect(sum(revenue({ payment_method: 'paypal' }), hour(3, 20))).toBe(0);
    expect(sum(revenue({ payment_method: 'card' }), hour(3, 20))).toBeGreaterThan(0);
  });

  it('lowers conversion gradually in a slow burn and traffic on a holiday', () => {
    const conversion = (from: number) =>
      increase(step('confirmed'), from, 120) / increase(step('cart_view'), from, 120);
    expect(conversion(hour(4, 18)) / conversion(hour(3, 18))).toBeGreaterThan(0.7);
    expect(conversion(hour(4, 18)) / conversion(hour(3, 18))).toBeLessThan(0.9);
    expect(increase(step('cart_view'), hour(6, 12), 240)).toBeLessThan(
      0.5 * increase(step('cart_view'), hour(5, 12), 240),
    );
  });

  it('counts abandonments by last step so that they add up to cart views minus confirmations', () => {
    const abandoned = series.filter((s) => s.name === 'business_funnel_abandonments_total');
    const total = abandoned.reduce((a, s) => a + s.values[9_000]!, 0);
    expect(total).toBe(step('cart_view')[9_000]! - step('confirmed')[9_000]!);
  });
});
