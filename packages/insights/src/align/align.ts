import { toKey } from './clean.ts';
import type { CleanSeries, SeriesQuality } from './series.ts';

/** Series reduced to the timestamps where every one of them has a value. */
export interface Aligned {
  /** Timestamps (seconds) of the first series; the others are read `shifts[i]` steps later. */
  readonly timestamps: readonly number[];
  /** One array per series, index-aligned with `timestamps`. */
  readonly values: readonly (readonly number[])[];
  /** Steps by which each series was shifted. */
  readonly shifts: readonly number[];
  /** Timestamps where at least one series had a value but not all of them. */
  readonly unmatched: number;
  readonly quality: readonly SeriesQuality[];
}

/**
 * Pairs cleaned series on common timestamps. With `shifts`, series i is read `shifts[i]` steps
 * after the reference time, so `alignSeries([tech, biz], [0, 3])` pairs technical values with the
 * business values three steps later — how a lag is tested without pretending gaps are not there.
 */
export function alignSeries(series: readonly CleanSeries[], shifts: readonly number[] = []): Aligned {
  if (series.length === 0) throw new RangeError('nothing to align: no series given');
  const steps = series.map((s) => s.stepSeconds);
  const stepMs = toKey(steps[0] ?? 0);
  if (steps.some((s) => toKey(s) !== stepMs))
    throw new RangeError(`series have different steps: ${steps.join(', ')} s`);
  const offsets = series.map((_, i) => (shifts[i] ?? 0) * stepMs);
  const reference = new Set<number>();
  series.forEach((s, i) => {
    for (const key of s.values.keys()) reference.add(key - (offsets[i] ?? 0));
  });
  const timestamps: number[] = [];
  const values: number[][] = series.map(() => []);
  let unmatched = 0;
  for (const key of [...reference].sort((a, b) => a - b)) {
    const row = series.map((s, i) => s.values.get(key + (offsets[i] ?? 0)));
    if (row.some((v) => v === undefined)) {
      unmatched++;
      continue;
    }
    timestamps.push(key / 1000);
    for (const [i, v] of row.entries()) values[i]?.push(v as number);
  }
  return {
    timestamps,
    values,
    shifts: series.map((_, i) => shifts[i] ?? 0),
    unmatched,
    quality: series.map((s) => s.quality),
  };
}
