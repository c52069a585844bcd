import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/index.ts';
import { buildModel } from '../../src/model.ts';
import { alertTimeline } from '../../src/promtool/alert-model.ts';
import { alertScenarios } from '../../src/promtool/alert-scenarios.ts';

const model = buildModel(defaultConfig);
const rule = (name: string) => model.alerting.rules.find((r) => r.alert === name)!;
const def = (name: string) => defaultConfig.alerts.find((a) => a.name === name)!;
/** A counter growing by `before` a minute until `at`, then by `after`. */
const counter = (before: number, after: number, at: number, end: number) =>
  Array.from({ length: end + 1 }, (_, m) => (m <= at ? m * before : at * before + (m - at) * after));

describe('the model of an alert expression that generated tests assert', () => {
  it('sees a 5-minute collapse alert pending 4 minutes after traffic stops and firing 5 minutes later', () => {
    const value = counter(20_000, 0, 200, 260);
    const tl = alertTimeline(def('RevenueCollapse'), { value }, 260);
    expect(tl.pendingFrom).toBe(204);
    expect(tl.firingAt).toBe(209);
    expect(tl.valueAt(209)).toBe(0);
  });

  it('stays silent where the baseline never saw enough traffic to judge', () => {
    const value = counter(100, 0, 200, 260);
    expect(alertTimeline(def('RevenueCollapse'), { value }, 260).firingAt).toBeUndefined();
  });

  it('judges a volume on its first day only on a deep move, and on the usual factor with past weeks', () => {
    const run = (past?: boolean) =>
      alertTimeline(
        def('RevenueBelowBaseline'),
        { value: counter(1000, 400, 200, 300), guard: counter(10, 10, 200, 300) },
        300,
        past ? { value: counter(1000, 1000, 200, 300), guard: counter(10, 10, 200, 300) } : undefined,
      );
    // A fall to 40%: under 60% of past weeks, but not under a quarter of the trailing hour.
    expect(run(false).firingAt).toBeUndefined();
    expect(run(true).firingAt).toBe(200 + 20 + 15);
  });

  it('counts a conversion whose cart views fell to zero as 0%, once the whole window is empty', () => {
    const tl = alertTimeline(
      def('ConversionRateDrop'),
      { num: counter(500, 0, 200, 300), den: counter(1000, 0, 200, 300), guard: counter(1000, 0, 200, 300) },
      300,
    );
    // A 30m window is empty 29 minutes after the last cart view, then `for: 10m`.
    expect(tl.pendingFrom).toBe(229);
    expect(tl.firingAt).toBe(239);
  });
});

describe('generated promtool cases', () => {
  const { scenarios, timing } = alertScenarios(rule('RegionRevenueCollapse'), def('RegionRevenueCollapse'));

  it('check silence before the incident, pending the minute before `for` ends, firing at the modelled minute', () => {
    const [incident] = scenarios;
    expect(incident!.alertChecks.map((c) => [c.evalMinute, c.expected.length])).toEqual([
      [74, 0],
      [83, 0],
      [84, 1],
    ]);
    expect(incident!.exprChecks[1]!.expected[0]!.labels).toContain('alertstate="pending"');
    expect(timing).toEqual({
      alert: 'RegionRevenueCollapse',
      incident: { share: 0.05, minutes: 9 },
      collapse: 9,
      weekly: { incident: 9, collapse: 9 },
    });
  });

  it('page only for the region that fell to zero while a second region stays normal', () => {
    const partial = scenarios.find((s) => s.name.includes('only for the region'))!;
    expect(partial.series.map((s) => s.series)).toEqual([
      expect.stringContaining('region="test"'),
      expect.stringContaining('region="other_test"'),
    ]);
    const firing = partial.alertChecks.at(-1)!.expected;
    expect(firing.map((a) => a.exp_labels['region'])).toEqual(['test']);
  });
});
