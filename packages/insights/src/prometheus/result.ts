import type { Point } from '../align/series.ts';
import type { ResultSeries } from './client.ts';
import { PrometheusError } from './errors.ts';

type Sample = [number, string];
interface RawSeries {
  metric?: Record<string, string>;
  values?: Sample[];
  value?: Sample;
}

/** The series of a `data` object: a matrix or vector, or a scalar as one unlabeled series. */
export function parseResult(data: unknown, expected: 'matrix' | 'vector'): ResultSeries[] {
  const { resultType, result } = (data ?? {}) as { resultType?: string; result?: unknown };
  if (resultType === 'scalar' || resultType === 'string')
    return [{ labels: {}, points: [toPoint(result as Sample)] }];
  if (resultType !== expected || !Array.isArray(result)) {
    throw new PrometheusError(
      'unexpected-result',
      `expected a ${expected} result, got ${resultType ?? 'nothing'}`,
      'check that the server speaks the Prometheus HTTP API',
    );
  }
  return (result as RawSeries[]).map((s) => ({
    labels: s.metric ?? {},
    points: (s.values ?? (s.value ? [s.value] : [])).map(toPoint),
  }));
}

/** Prometheus sends values as strings, including "NaN", "+Inf" and "-Inf". */
function toPoint([t, v]: Sample): Point {
  if (v === '+Inf' || v === 'Inf') return [t, Number.POSITIVE_INFINITY];
  if (v === '-Inf') return [t, Number.NEGATIVE_INFINITY];
  return [t, Number(v)];
}

/** Joins the answers to the pieces of a split range, series by label set. */
export function mergeChunks(chunks: readonly ResultSeries[][]): ResultSeries[] {
  const byLabels = new Map<string, { labels: Readonly<Record<string, string>>; points: Point[] }>();
  for (const chunk of chunks) {
    for (const series of chunk) {
      const key = JSON.stringify(Object.entries(series.labels).sort(([a], [b]) => a.localeCompare(b)));
      const entry = byLabels.get(key) ?? { labels: series.labels, points: [] };
      entry.points.push(...series.points);
      byLabels.set(key, entry);
    }
  }
  return [...byLabels.values()];
}
