import { describe, expect, it } from 'vitest';
import { alignSeries, cleanSeries, type Point } from '../../src/analysis.ts';

const grid = (values: readonly (number | undefined)[]): Point[] =>
  values.flatMap((v, i) => (v === undefined ? [] : [[1_700_000_000 + i * 60, v] as Point]));

describe('alignSeries', () => {
  it('keeps only timestamps where every series has a value and counts the others', () => {
    const a = cleanSeries({ name: 'a', points: grid([1, 2, undefined, 4, 5]) }, 60);
    const b = cleanSeries({ name: 'b', points: grid([10, undefined, 30, 40, 50]) }, 60);
    const c = cleanSeries({ name: 'c', points: grid([100, 200, 300, 400, Number.NaN]) }, 60);
    const aligned = alignSeries([a, b, c]);
    expect(aligned.values).toEqual([
      [1, 4],
      [10, 40],
      [100, 400],
    ]);
    expect(aligned.timestamps).toEqual([1_700_000_000, 1_700_000_180]);
    expect(aligned.unmatched).toBe(3);
  });

  it('pairs a value with the other series k steps later when shifted', () => {
    const tech = cleanSeries({ name: 't', points: grid([1, 2, 3, 4, 5]) }, 60);
    const biz = cleanSeries({ name: 'b', points: grid([0, 0, 10, 20, 30]) }, 60);
    const aligned = alignSeries([tech, biz], [0, 2]);
    expect(aligned.values).toEqual([
      [1, 2, 3],
      [10, 20, 30],
    ]);
  });

  it('does not slide one series against the other across a gap', () => {
    const tech = cleanSeries({ name: 't', points: grid([1, 2, undefined, 4, 5, 6]) }, 60);
    const biz = cleanSeries({ name: 'b', points: grid([9, 1, 2, undefined, 4, 5]) }, 60);
    const aligned = alignSeries([tech, biz], [0, 1]);
    // t=2 has no technical value and t=3 no business one: both pairs are skipped, none invented.
    expect(aligned.values).toEqual([
      [1, 2, 4, 5],
      [1, 2, 4, 5],
    ]);
  });

  it('refuses series sampled at different steps', () => {
    const a = cleanSeries({ name: 'a', points: grid([1]) }, 60);
    const b = cleanSeries({ name: 'b', points: grid([1]) }, 30);
    expect(() => alignSeries([a, b])).toThrow(/different steps: 60, 30/);
  });
});
