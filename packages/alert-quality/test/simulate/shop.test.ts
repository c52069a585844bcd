import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENTS } from '../../src/simulate/incidents.ts';
import { expectedTraffic } from '../../src/simulate/seasonality.ts';
import { simulateShop } from '../../src/simulate/shop.ts';

const hour = (day: number, h: number) => day * 1440 + h * 60;
const increase = (values: Float64Array, from: number, minutes: number) =>
  values[from + minutes - 1]! - values[from - 1]!;

describe('traffic simulator', () => {
  it('has quiet nights, an evening peak and a weekend dip', () => {
    expect(expectedTraffic(hour(1, 3))).toBeLessThan(expectedTraffic(hour(1, 20)) * 0.1);
    expect(expectedTraffic(hour(5, 20))).toBeCloseTo(expectedTraffic(hour(1, 20)) * 0.7, 6);
  });

  const incidents = DEFAULT_INCIDENTS;
  const series = simulateShop({
    weeks: 2,
    seed: 7,
    incidents: incidents.filter((i) => i.startMinute < 2 * 10_080),
  });
  const step = (s: string) =>
    series.find((x) => x.labels['step'] === s && x.name === 'business_funnel_steps_total')!.values;

  it('is deterministic for a seed', () => {
    const again = simulateShop({
      weeks: 2,
      seed: 7,
      incidents: incidents.filter((i) => i.startMinute < 2 * 10_080),
    });
    expect(again[0]!.values).toEqual(series[0]!.values);
  });

  it('produces monotonic counters, so rate() sees no resets', () => {
    for (const s of series)
      for (let m = 1; m < s.values.length; m += 97)
        expect(s.values[m]!).toBeGreaterThanOrEqual(s.values[m - 1]!);
  });

  it('halves checkout conversion during the first incident', () => {
    const i = incidents[0]!;
    const during =
      increase(step('confirmed'), i.startMinute, i.minutes) /
      increase(step('cart_view'), i.startMinute, i.minutes);
    const weekBefore = i.startMinute - 10_080;
    const before =
      increase(step('confirmed'), weekBefore, i.minutes) / increase(step('cart_view'), weekBefore, i.minutes);
    expect(during / before).toBeGreaterThan(0.3);
    expect(during / before).toBeLessThan(0.7);
  });

  it('counts abandonments by last step so that they add up to cart views minus confirmations', () => {
    const abandoned = series.filter((s) => s.name === 'business_funnel_abandonments_total');
    const total = abandoned.reduce((a, s) => a + s.values[20_000]!, 0);
    expect(total).toBe(step('cart_view')[20_000]! - step('confirmed')[20_000]!);
  });
});
