import { type Row, SECTIONS } from './row.ts';

const HEADER = [
  'section',
  'measure',
  'unit',
  'bizmetrics',
  'raw OTel',
  'prom-client',
  'biz ÷ OTel',
  'biz ÷ prom',
  'note',
];

/** Renders rows as a Markdown table (the same text goes to the terminal and docs/PERFORMANCE.md). */
export function renderTable(rows: readonly Row[]): string {
  const ordered = SECTIONS.flatMap((s) => rows.filter((r) => r.section === s));
  const lines = ordered.map((r) => [
    r.section,
    r.name,
    r.unit,
    figure(r.biz),
    figure(r.otel),
    figure(r.prom),
    ratio(r.bizOverOtel),
    ratio(r.bizOverProm),
    r.note ?? '',
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(HEADER), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n');
}

/** A figure with three significant digits and thousands separators; `–` when not measured. */
export function figure(value: number | undefined): string {
  if (value === undefined) return '–';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

function ratio(value: number | undefined): string {
  return value === undefined ? '–' : `${value.toFixed(2)}×`;
}
