import { describe, expect, it } from 'vitest';
import { applyAutoregression, autocorrelations, fitAutoregression } from '../../src/stats.ts';
import { normal } from '../support/planted.ts';

const STEP_MS = 60_000;
const ar1 = (phi: number, n: number, seed: number) => {
  const z = normal(seed);
  let state = 0;
  return new Map(
    Array.from({ length: n }, (_, i): [number, number] => {
      state = phi * state + z();
      return [i * STEP_MS, state];
    }),
  );
};

describe('fitAutoregression', () => {
  it('recovers the coefficient of an AR(1) series, with at most one spare order from AIC', () => {
    const model = fitAutoregression(ar1(0.6, 5000, 1), STEP_MS, 8);
    expect(model.order).toBeGreaterThanOrEqual(1);
    expect(model.order).toBeLessThanOrEqual(2);
    expect(model.coefficients[0]).toBeCloseTo(0.6, 1);
    expect(Math.abs(model.coefficients[1] ?? 0)).toBeLessThan(0.05);
    // Innovation variance of AR(1) relative to the series: 1 − φ².
    expect(model.residualShare).toBeCloseTo(0.64, 1);
  });

  it('finds nothing to predict in white noise', () => {
    const z = normal(2);
    const white = new Map(Array.from({ length: 2000 }, (_, i): [number, number] => [i * STEP_MS, z()]));
    const model = fitAutoregression(white, STEP_MS, 8);
    expect(model.order).toBeLessThanOrEqual(1);
    expect(model.residualShare).toBeGreaterThan(0.99);
  });

  it('leaves nearly independent residuals after filtering (prewhitening)', () => {
    const series = ar1(0.8, 4000, 3);
    const filtered = applyAutoregression(series, STEP_MS, fitAutoregression(series, STEP_MS, 8));
    const [before] = autocorrelations([...series.values()], 1);
    const [after] = autocorrelations([...filtered.values()], 1);
    expect(before).toBeGreaterThan(0.75);
    expect(Math.abs(after ?? 1)).toBeLessThan(0.05);
  });

  it('gives no output where a predecessor is missing instead of closing the gap', () => {
    const series = new Map([
      [0, 1],
      [STEP_MS, 2],
      [3 * STEP_MS, 3],
    ]);
    const filtered = applyAutoregression(series, STEP_MS, {
      order: 1,
      coefficients: [0.5],
      residualShare: 1,
    });
    expect([...filtered.keys()]).toEqual([STEP_MS]);
  });
});
