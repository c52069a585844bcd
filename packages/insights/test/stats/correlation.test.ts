import { describe, expect, it } from 'vitest';
import { pearson, significance, spearman } from '../../src/stats.ts';
import { anscombe, ties, weak } from './reference-data.ts';

describe('pearson', () => {
  for (const [name, d] of Object.entries({ anscombe, ties, weak })) {
    it(`matches SciPy's pearsonr on the ${name} dataset`, () => {
      const r = pearson(d.x, d.y);
      expect(r.coefficient).toBeCloseTo(d.pearsonR, 12);
      expect(r.p).toBeCloseTo(d.pearsonP, 10);
      expect(r.p / d.pearsonP).toBeCloseTo(1, 6);
      expect(r.n).toBe(d.x.length);
      expect(r.df).toBe(d.x.length - 2);
    });
  }

  it('reproduces the published r = 0.816 of Anscombe set I', () => {
    expect(pearson(anscombe.x, anscombe.y).coefficient.toFixed(3)).toBe('0.816');
  });

  it('returns NaN, not a number, for a constant series', () => {
    const r = pearson([1, 2, 3, 4], [5, 5, 5, 5]);
    expect(r.coefficient).toBeNaN();
    expect(r.p).toBeNaN();
  });

  it('refuses series of different lengths', () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(/differ in length: 3 and 2/);
  });
});

describe('spearman', () => {
  for (const [name, d] of Object.entries({ anscombe, ties, weak })) {
    it(`matches SciPy's spearmanr (midranks for ties) on the ${name} dataset`, () => {
      const rho = spearman(d.x, d.y);
      expect(rho.coefficient).toBeCloseTo(d.spearmanRho, 12);
      expect(rho.p / d.spearmanP).toBeCloseTo(1, 6);
    });
  }
});

describe('significance', () => {
  it('uses fewer degrees of freedom when fewer pairs are independent', () => {
    const full = significance(0.5, 100);
    const corrected = significance(0.5, 100, 20);
    expect(full.df).toBe(98);
    expect(corrected.df).toBe(18);
    expect(corrected.p).toBeGreaterThan(full.p);
  });

  it('gives p = 0 for a perfect correlation and NaN with fewer than three pairs', () => {
    expect(significance(-1, 10).p).toBe(0);
    expect(significance(0.9, 2).p).toBeNaN();
  });
});
