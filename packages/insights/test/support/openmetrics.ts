import type { Point } from '../../src/analysis.ts';

/** One metric family to backfill: every series of it, keyed by its label text (`{a="b"}`). */
export interface Family {
  readonly name: string;
  readonly type: 'gauge' | 'counter';
  readonly series: ReadonlyMap<string, readonly Point[]>;
}

/**
 * OpenMetrics text as `promtool tsdb create-blocks-from openmetrics` reads it: one block per
 * family, timestamps in seconds, `# EOF` at the end. Counter families keep their `_total`
 * sample name and are declared without it, as the format requires.
 */
export function toOpenMetrics(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    const declared = family.type === 'counter' ? family.name.replace(/_total$/, '') : family.name;
    lines.push(`# TYPE ${declared} ${family.type}`);
    for (const [labels, points] of family.series) {
      for (const [t, v] of points) lines.push(`${family.name}${labels} ${value(v)} ${t}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

function value(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}
