import { describe, expect, it } from 'vitest';
import { tQuantileAt, twoSidedP } from '../../src/stats.ts';

// References: SciPy 1.17, 2 * stats.t.sf(t, df) and stats.t.ppf(q, df).
describe("Student's t", () => {
  it('gives two-sided p-values as SciPy', () => {
    expect(twoSidedP(2, 10)).toBeCloseTo(0.07338803477074037, 12);
    expect(twoSidedP(-0.5, 3)).toBeCloseTo(0.651447964848151, 12);
  });

  it('gives quantiles as SciPy', () => {
    expect(tQuantileAt(0.975, 9)).toBeCloseTo(2.262157162798205, 10);
    expect(tQuantileAt(0.95, 30)).toBeCloseTo(1.697260886593957, 10);
  });

  it('answers NaN without degrees of freedom and 0 for an infinite statistic', () => {
    expect(twoSidedP(1, 0)).toBeNaN();
    expect(twoSidedP(Number.POSITIVE_INFINITY, 5)).toBe(0);
  });
});
