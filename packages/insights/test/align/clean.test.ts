import { describe, expect, it } from 'vitest';
import { cleanSeries } from '../../src/analysis.ts';

describe('cleanSeries', () => {
  it('drops NaN and ±Inf samples and counts them', () => {
    const clean = cleanSeries(
      {
        name: 'conv',
        points: [
          [0, 0.1],
          [60, Number.NaN],
          [120, Number.POSITIVE_INFINITY],
          [180, 0.2],
        ],
      },
      60,
    );
    expect([...clean.values.values()]).toEqual([0.1, 0.2]);
    expect(clean.quality.nonFinite).toBe(2);
  });

  it('reports a run of missing steps as one gap with its bounds', () => {
    const clean = cleanSeries(
      {
        name: 'p99',
        points: [
          [0, 1],
          [60, 1],
          [300, 1],
          [360, 1],
        ],
      },
      60,
    );
    expect(clean.quality.gaps).toEqual([{ from: 120, to: 240, missingSteps: 3 }]);
    expect(clean.quality.missingSteps).toBe(3);
  });

  it('turns a raw counter into per-second rates and treats a decrease as a restart from zero', () => {
    const clean = cleanSeries(
      {
        name: 'orders',
        kind: 'counter',
        points: [
          [0, 100],
          [60, 160],
          [120, 220],
          [180, 30],
          [240, 90],
        ],
      },
      60,
    );
    expect([...clean.values.entries()]).toEqual([
      [60_000, 1],
      [120_000, 1],
      [180_000, 0.5],
      [240_000, 1],
    ]);
    expect(clean.quality.counterResets).toBe(1);
    expect(clean.quality.kind).toBe('counter');
  });

  it('sorts samples that arrive out of order', () => {
    const clean = cleanSeries(
      {
        name: 'x',
        points: [
          [120, 3],
          [0, 1],
          [60, 2],
        ],
      },
      60,
    );
    expect([...clean.values.keys()]).toEqual([0, 60_000, 120_000]);
  });

  it('refuses a step that is not positive', () => {
    expect(() => cleanSeries({ name: 'x', points: [] }, 0)).toThrow(/step must be positive/);
  });
});
