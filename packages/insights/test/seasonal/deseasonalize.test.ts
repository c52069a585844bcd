import { describe, expect, it } from 'vitest';
import { chooseSeason, deseasonalize } from '../../src/analysis.ts';
import { MONDAY } from '../support/seasonal.ts';

const STEP = 3600;

describe('deseasonalize', () => {
  it('removes any weekly shape and a linear trend exactly, leaving zeros', () => {
    // An arbitrary shape per hour of the week (weekend plateau, evening dip) plus a trend.
    const shape = (h: number) => (h % 168 >= 120 ? 5 : 0) + (h % 24 >= 18 ? -2 : 1) + (((h % 24) * 7) % 5);
    const values = new Map(
      Array.from({ length: 3 * 168 }, (_, h): [number, number] => [
        (MONDAY + h * STEP) * 1000,
        shape(h) + 0.01 * h,
      ]),
    );
    const result = deseasonalize(values, STEP, chooseSeason(3 * 168 * STEP, STEP));
    expect(Math.max(...[...result.residuals.values()].map(Math.abs))).toBeLessThan(1e-9);
    expect(result.trendPerSecond * 3600).toBeCloseTo(0.01, 12);
    expect(result.parameters).toBe(168 + 1);
    // Slot 0 is Monday 00:00 UTC: the profile starts with the shape's first hour (plus the mean trend level).
    expect(result.profile).toHaveLength(168);
  });

  it('keeps what is not periodic: white noise loses only the share the slot means take', () => {
    const values = new Map(
      Array.from({ length: 4 * 24 }, (_, h): [number, number] => [
        (MONDAY + h * STEP) * 1000,
        h % 2 ? 1 : -1,
      ]),
    );
    const daily = deseasonalize(values, STEP, chooseSeason(4 * 86_400, STEP));
    // An alternating series is itself periodic over a day (24 is even): nothing is left.
    expect(Math.max(...[...daily.residuals.values()].map(Math.abs))).toBeLessThan(1e-9);
    const none = deseasonalize(values, STEP, chooseSeason(4 * 86_400, STEP, 'none'));
    expect([...none.residuals.values()].map((v) => Math.round(v))).toContain(1);
  });
});

describe('chooseSeason', () => {
  it('asks for two whole cycles and names what is missing', () => {
    expect(chooseSeason(14 * 86_400, 300)).toEqual({ season: 'weekly', periodSeconds: 604_800 });
    expect(chooseSeason(3 * 86_400, 300).note).toBe(
      'needs ≥ 2 weeks to remove a weekly cycle; got 3d: reporting daily-adjusted only',
    );
    expect(chooseSeason(7 * 3600, 300).note).toMatch(/^needs ≥ 2 days to remove a daily cycle; got 7h: /);
  });

  it('refuses a step that divides neither the week nor the day', () => {
    expect(chooseSeason(20 * 86_400, 660)).toMatchObject({
      season: 'none',
      note: expect.stringMatching(/^the step 11m does not divide a day: use a step such as 5m or 1h/),
    });
  });
});
