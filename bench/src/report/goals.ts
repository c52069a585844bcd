import type { Row } from './row.ts';

/** One goal of issue 19, read off the table's rows. */
interface Goal {
  readonly goal: string;
  /** Which figure of which rows: a ratio column or the bizmetrics figure. */
  readonly rows: (r: Row) => boolean;
  readonly figure: (r: Row) => number | undefined;
  readonly label: (r: Row) => string;
  readonly limit: number;
  readonly atMost: boolean;
  readonly unit: string;
}

const collectionCount = (r: Row) => /, ([\d,]+) series$/.exec(r.name)?.[1] ?? '';

const GOALS: readonly Goal[] = [
  {
    goal: 'hot path ÷ prom-client',
    rows: (r) => r.section === 'hot path',
    figure: (r) => r.bizOverProm,
    label: (r) => r.name,
    limit: 1,
    atMost: true,
    unit: '×',
  },
  {
    goal: 'heap per series ÷ prom-client',
    rows: (r) => r.section === 'memory' && r.unit === 'bytes/series',
    figure: (r) => r.bizOverProm,
    label: (r) => r.name.replace(/^heap held per series /, ''),
    limit: 1,
    atMost: true,
    unit: '×',
  },
  {
    goal: 'Prometheus scrape ÷ prom-client',
    rows: (r) => r.section === 'collection' && r.unit === 'ms' && r.name.startsWith('Prometheus scrape'),
    figure: (r) => r.bizOverProm,
    label: (r) => `${collectionCount(r)} series`,
    limit: 1.1,
    atMost: true,
    unit: '×',
  },
  {
    goal: 'OTLP export ÷ raw OTel',
    rows: (r) =>
      r.section === 'collection' &&
      r.unit === 'ms' &&
      r.name.startsWith('OTLP') &&
      Number(collectionCount(r).replaceAll(',', '')) >= 10_000,
    figure: (r) => r.bizOverOtel,
    label: (r) => `${collectionCount(r)} series`,
    limit: 1,
    atMost: true,
    unit: '×',
  },
  {
    goal: "gateway ingest ÷ collector's OTLP receiver → prometheus exporter",
    // The goal's comparison is the collector's bare receiver → exporter, not the shipped pipeline.
    rows: (r) =>
      r.section === 'throughput' && r.bizOverOtel !== undefined && r.name.includes(', collector without '),
    figure: (r) => r.bizOverOtel,
    label: (r) => r.name,
    limit: 1,
    atMost: false,
    unit: '×',
  },
  {
    goal: 'label flood, peak heap',
    rows: (r) => r.section === 'memory' && r.unit === 'MB',
    figure: (r) => r.biz,
    label: (r) => r.name.replace(/^label flood: peak retained heap /, ''),
    limit: 2.25,
    atMost: true,
    unit: ' MB',
  },
];

/**
 * The goals of issue 19 as a Markdown table from this run's rows: each goal's measured figure, its
 * bound and whether this run met it. Goals whose rows the run did not produce (a section left out,
 * `--quick` without 10k series) are left out.
 */
export function renderGoals(rows: readonly Row[]): string {
  const lines: string[][] = [];
  for (const g of GOALS)
    for (const r of rows.filter(g.rows)) {
      const value = g.figure(r);
      if (value === undefined) continue;
      const met = g.atMost ? value <= g.limit : value >= g.limit;
      const shown = g.unit === '×' ? `${value.toFixed(2)}×` : `${value.toPrecision(3)}${g.unit}`;
      const bound = `${g.atMost ? '≤' : '≥'} ${g.unit === '×' ? `${g.limit.toFixed(2)}×` : `${g.limit}${g.unit}`}`;
      lines.push([g.goal, g.label(r), shown, bound, met ? 'met' : 'NOT met']);
    }
  const header = ['goal', 'row', 'this run', 'goal bound', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n');
}
