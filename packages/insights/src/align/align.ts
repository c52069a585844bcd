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
  const [first, ...others] = series;
  if (!first) throw new RangeError('nothing to align: no series given');
  const steps = series.map((s) => s.stepSeconds);
  const stepMs = toKey(first.stepSeconds);
  if (steps.some((s) => toKey(s) !== stepMs))
    throw new RangeError(`series have different steps: ${steps.join(', ')} s`);
  const offsets = series.map((_, i) => (shifts[i] ?? 0) * stepMs);
  const base = offsets[0] ?? 0;
  const timestamps: number[] = [];
  const values: number[][] = series.map(() => []);
  // cleanSeries inserts in time order, so the first series' keys are already sorted.
  for (const [key, value] of first.values) {
    const reference = key - base;
    let complete = true;
    for (let i = 0; i < others.length && complete; i++) {
      complete = others[i]?.values.has(reference + (offsets[i + 1] ?? 0)) ?? false;
    }
    if (!complete) continue;
    timestamps.push(reference / 1000);
    values[0]?.push(value);
    for (let i = 0; i < others.length; i++)
      values[i + 1]?.push(others[i]?.values.get(reference + (offsets[i + 1] ?? 0)) as number);
  }
  const union = new Set<number>();
  series.forEach((s, i) => {
    for (const key of s.values.keys()) union.add(key - (offsets[i] ?? 0));
  });
  return {
    timestamps,
    values,
    shifts: series.map((_, i) => shifts[i] ?? 0),
    unmatched: union.size - timestamps.length,
    quality: series.map((s) => s.quality),
  };
}
