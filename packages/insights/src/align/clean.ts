import type { CleanSeries, Gap, Point, Series } from './series.ts';

/**
 * Drops non-finite samples, turns raw counters into per-second rates (a decrease is a reset:
 * the counter restarted from zero, as Prometheus's `rate()` assumes), and records gaps.
 */
export function cleanSeries(series: Series, stepSeconds: number): CleanSeries {
  if (!(stepSeconds > 0)) throw new RangeError(`step must be positive, got ${stepSeconds}`);
  const kind = series.kind ?? 'gauge';
  const sorted = [...series.points].sort((a, b) => a[0] - b[0]);
  const finite = sorted.filter(([, v]) => Number.isFinite(v));
  const nonFinite = sorted.length - finite.length;
  const { points, resets } = kind === 'counter' ? counterRates(finite) : { points: finite, resets: 0 };
  const values = new Map<number, number>();
  for (const [t, v] of points) values.set(toKey(t), v);
  const gaps = findGaps(sorted, stepSeconds);
  const missingSteps = gaps.reduce((s, g) => s + g.missingSteps, 0) + nonFinite;
  return {
    name: series.name,
    stepSeconds,
    values,
    quality: {
      name: series.name,
      kind,
      received: sorted.length,
      nonFinite,
      counterResets: resets,
      gaps,
      missingSteps,
    },
  };
}

/** Millisecond key of a timestamp in seconds; Prometheus timestamps have millisecond precision. */
export function toKey(timestampSeconds: number): number {
  return Math.round(timestampSeconds * 1000);
}

function counterRates(points: readonly Point[]): { points: Point[]; resets: number } {
  const out: Point[] = [];
  let resets = 0;
  for (let i = 1; i < points.length; i++) {
    const [t0, v0] = points[i - 1] as Point;
    const [t1, v1] = points[i] as Point;
    const reset = v1 < v0;
    if (reset) resets++;
    const increase = reset ? v1 : v1 - v0;
    out.push([t1, increase / (t1 - t0)]);
  }
  return { points: out, resets };
}

function findGaps(points: readonly Point[], step: number): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < points.length; i++) {
    const t0 = (points[i - 1] as Point)[0];
    const t1 = (points[i] as Point)[0];
    const missingSteps = Math.round((t1 - t0) / step) - 1;
    if (missingSteps > 0) gaps.push({ from: t0 + step, to: t1 - step, missingSteps });
  }
  return gaps;
}
