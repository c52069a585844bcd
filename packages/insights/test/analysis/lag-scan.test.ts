import { describe, expect, it } from 'vitest';
import { cleanSeries, scanLags } from '../../src/analysis.ts';
import { plantedPair } from '../support/planted.ts';

describe('scanLags', () => {
  it('finds the planted lag when the technical metric leads by 4 steps', () => {
    const { technical, business } = plantedPair({
      n: 600,
      stepSeconds: 60,
      start: 0,
      lagSteps: 4,
      slope: -0.1,
      correlation: -0.7,
      seed: 3,
    });
    const scan = scanLags(
      cleanSeries({ name: 't', points: technical }, 60),
      cleanSeries({ name: 'b', points: business }, 60),
      10,
      30,
    );
    expect(scan.best.lagSteps).toBe(4);
    expect(Math.abs(scan.best.r + 0.7)).toBeLessThan(0.08);
    expect(scan.lags).toHaveLength(21);
  });

  it('reports a negative lag when the business metric moves first', () => {
    const { technical, business } = plantedPair({
      n: 600,
      stepSeconds: 60,
      start: 0,
      lagSteps: 3,
      slope: 0.1,
      correlation: 0.8,
      seed: 4,
    });
    // Swapping the roles: the "business" series now moves 3 steps before the "technical" one.
    const scan = scanLags(
      cleanSeries({ name: 'b', points: business }, 60),
      cleanSeries({ name: 't', points: technical }, 60),
      6,
      30,
    );
    expect(scan.best.lagSteps).toBe(-3);
  });

  it('ignores lags with fewer pairs than the minimum', () => {
    const { technical, business } = plantedPair({
      n: 40,
      stepSeconds: 60,
      start: 0,
      lagSteps: 0,
      slope: 0.1,
      correlation: 0.9,
      seed: 5,
    });
    const scan = scanLags(
      cleanSeries({ name: 't', points: technical }, 60),
      cleanSeries({ name: 'b', points: business }, 60),
      20,
      30,
    );
    expect(Math.abs(scan.best.lagSteps)).toBeLessThanOrEqual(10);
    expect(scan.best.n).toBeGreaterThanOrEqual(30);
  });
});
