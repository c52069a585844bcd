import { describe, expect, it } from 'vitest';
import { replayHistogram, sumRange } from '../src/histogram-replay.ts';

const bounds = [5, 15, 30, 60];
const bucketOf = (v: number) => {
  const i = bounds.findIndex((b) => v <= b);
  return i === -1 ? bounds.length : i;
};

describe('replayHistogram', () => {
  it('yields observations in their own buckets that add up to the sum', () => {
    const bucketCounts = [2, 0, 3, 1, 2];
    const [min, max] = sumRange({ bounds, bucketCounts }, 3600);
    for (const sum of [min, (min + max) / 2, max, 200]) {
      const values = replayHistogram({ bounds, bucketCounts, sum }, 3600);
      const counts = bounds.map(() => 0).concat(0);
      for (const v of values) counts[bucketOf(v)]! += 1;
      expect(counts).toEqual(bucketCounts);
      expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(sum, 6);
    }
  });

  it('bounds the sum by the buckets: below 0 + 60 or above 5 + 3600 is impossible for [1,0,0,0,1]', () => {
    const [min, max] = sumRange({ bounds, bucketCounts: [1, 0, 0, 0, 1] }, 3600);
    expect(min).toBeCloseTo(60, 4);
    expect(max).toBeCloseTo(3605, 4);
  });
});
