import { describe, expect, it } from 'vitest';
import { linearFit } from '../../src/stats.ts';
import { anscombe, ties, weak } from './reference-data.ts';

describe('linearFit', () => {
  for (const [name, d] of Object.entries({ anscombe, ties, weak })) {
    it(`matches SciPy's linregress slope, intercept, stderr and 95% interval on ${name}`, () => {
      const fit = linearFit(d.x, d.y);
      expect(fit.slope).toBeCloseTo(d.slope, 10);
      expect(fit.intercept).toBeCloseTo(d.intercept, 9);
      expect(fit.slopeStdError).toBeCloseTo(d.slopeStdError, 10);
      expect(fit.slopeInterval[0]).toBeCloseTo(d.slopeCi95[0] as number, 8);
      expect(fit.slopeInterval[1]).toBeCloseTo(d.slopeCi95[1] as number, 8);
    });
  }

  it('reproduces the published fit y = 3.00 + 0.500 x of Anscombe set I', () => {
    const fit = linearFit(anscombe.x, anscombe.y);
    expect(fit.slope.toFixed(3)).toBe('0.500');
    expect(fit.intercept.toFixed(2)).toBe('3.00');
    expect(fit.rSquared.toFixed(2)).toBe('0.67');
  });

  it('widens the interval when only part of the pairs are independent', () => {
    const plain = linearFit(anscombe.x, anscombe.y);
    const corrected = linearFit(anscombe.x, anscombe.y, { effectiveN: 6 });
    expect(corrected.slope).toBe(plain.slope);
    const width = (f: typeof plain) => f.slopeInterval[1] - f.slopeInterval[0];
    expect(width(corrected)).toBeGreaterThan(width(plain) * 1.5);
  });

  it('gives a 90% interval narrower than the 95% one', () => {
    const ninety = linearFit(anscombe.x, anscombe.y, { confidence: 0.9 });
    expect(ninety.slopeInterval[0]).toBeGreaterThan(anscombe.slopeCi95[0] as number);
  });
});
