import { describe, expect, it } from 'vitest';
import { autocorrelations, effectiveSampleSize } from '../../src/stats.ts';
import { normal } from '../support/planted.ts';
import { arPair } from './reference-data.ts';

describe('effectiveSampleSize', () => {
  it('matches the Pyper–Peterman formula computed with NumPy on two AR(1) series', () => {
    const { x, y, effectiveN } = arPair();
    expect(effectiveSampleSize(x, y)).toBeCloseTo(effectiveN, 10);
  });

  it('stays near n for white noise', () => {
    const z = normal(7);
    const x = Array.from({ length: 500 }, z);
    const y = Array.from({ length: 500 }, z);
    expect(effectiveSampleSize(x, y)).toBeGreaterThan(400);
  });

  it('shrinks a lot for two slow trends', () => {
    const x = Array.from({ length: 200 }, (_, i) => Math.sin(i / 30));
    const y = Array.from({ length: 200 }, (_, i) => Math.cos(i / 25));
    expect(effectiveSampleSize(x, y)).toBeLessThan(40);
  });

  it('computes the lag-1 autocorrelation of an alternating series as about -1', () => {
    const [r1] = autocorrelations([1, -1, 1, -1, 1, -1, 1, -1], 1);
    expect(r1).toBeCloseTo(-0.875, 10);
  });
});
