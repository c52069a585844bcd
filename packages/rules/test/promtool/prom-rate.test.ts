import { describe, expect, it } from 'vitest';
import { promRate } from '../../src/promtool/prom-rate.ts';
import { counterValues, expandValues } from '../../src/promtool/series-values.ts';

const counter = (perMinute: number[]) => {
  const v = [0];
  for (const d of perMinute) v.push(v[v.length - 1]! + d);
  return v;
};

describe('promRate, as Prometheus 3 computes rate() on minute samples', () => {
  it('reads a steady counter exactly once the window is full', () => {
    const v = counter(Array(60).fill(6));
    expect(promRate(v, 30, 5, 'rate')).toBeCloseTo(0.1, 12);
    expect(promRate(v, 30, 5, 'increase')).toBeCloseTo(30, 12);
  });

  it('follows a drop to zero linearly over the window: 4 of 5 minutes flat leaves a quarter', () => {
    const v = counter([...Array(30).fill(60), ...Array(10).fill(0)]);
    expect(promRate(v, 30, 5, 'rate')).toBeCloseTo(1, 12);
    expect(promRate(v, 33, 5, 'rate')).toBeCloseTo(0.25, 12);
    expect(promRate(v, 34, 5, 'rate')).toBe(0);
  });

  it('does not extrapolate a counter below its zero point at the start of the series', () => {
    const v = counter(Array(10).fill(60));
    // Samples at minutes 0..2 only: 120 events seen, no extrapolation before the first sample (0).
    expect(promRate(v, 2, 5, 'increase')).toBeCloseTo(120, 12);
  });

  it('has no value with fewer than two samples in the window', () => {
    expect(promRate([0], 0, 5, 'rate')).toBeUndefined();
  });
});

describe('expandValues, as promtool reads series notation', () => {
  it('expands a+bxn to n + 1 samples and keeps single values', () => {
    expect(expandValues('0+5x3 16+1x2 20')).toEqual([0, 5, 10, 15, 16, 17, 18, 20]);
  });

  it('reads back what counterValues writes', () => {
    const notation = counterValues([
      { minutes: 3, perMinute: 2 },
      { minutes: 2, perMinute: 0.5 },
    ]);
    expect(expandValues(notation)).toEqual([0, 2, 4, 6, 6.5, 7]);
  });
});
