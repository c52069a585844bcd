/** A histogram delta as it arrives: explicit bounds, per-bucket counts and the sum. */
export interface HistogramDelta {
  readonly bounds: readonly number[];
  readonly bucketCounts: readonly number[];
  readonly sum: number;
}

/** The closed range a replayed observation of bucket `i` may take, strictly inside the bucket. */
export function bucketRange(bounds: readonly number[], i: number, maxValue: number): [number, number] {
  const lo = i === 0 ? Math.min(0, bounds[0]!) : bounds[i - 1]!;
  const hi = i < bounds.length ? bounds[i]! : maxValue;
  const margin = (hi - lo) * 1e-9;
  return [i === 0 ? lo : lo + margin, i < bounds.length ? hi - margin : hi];
}

/** The least and greatest sum the bucket counts allow. */
export function sumRange(delta: Omit<HistogramDelta, 'sum'>, maxValue: number): [number, number] {
  let min = 0;
  let max = 0;
  delta.bucketCounts.forEach((count, i) => {
    const [lo, hi] = bucketRange(delta.bounds, i, maxValue);
    min += count * lo;
    max += count * hi;
  });
  return [min, max];
}

/**
 * Observations that reproduce a histogram delta through the ordinary `record()` API: each lands in its
 * own bucket, and together they add up to the delta's sum. OTel's API cannot add bucket counts, so
 * this is how a gateway folds many browsers' histogram deltas into one cumulative histogram with
 * exact counts and buckets. The caller has checked the sum lies within {@link sumRange}.
 */
export function replayHistogram(delta: HistogramDelta, maxValue: number): number[] {
  const values: number[] = [];
  const ranges: Array<[number, number]> = [];
  delta.bucketCounts.forEach((count, i) => {
    const range = bucketRange(delta.bounds, i, maxValue);
    for (let n = 0; n < count; n++) {
      values.push(range[0]);
      ranges.push(range);
    }
  });
  let remaining = delta.sum - values.reduce((s, v) => s + v, 0);
  for (let i = 0; i < values.length && remaining > 0; i++) {
    const room = ranges[i]![1] - values[i]!;
    const add = Math.min(room, remaining);
    values[i]! += add;
    remaining -= add;
  }
  return values;
}
