import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { standardCatalog } from '@bizmetrics/core';
import { beforeAll, describe, expect, it } from 'vitest';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.ts');
const FLAGS = ['--conditions=@bizmetrics/source', '--disable-warning=ExperimentalWarning', '--expose-gc'];

/** One parsed table line: its cells by column header. */
type Line = Record<string, string>;

/** The `n`-th Markdown table `pnpm bench` prints, as records keyed by the header's cells. */
function parseTable(stdout: string, n = 0): Line[] {
  const tables = stdout.split('\n\n').filter((block) => block.startsWith('| '));
  const lines = (tables[n] ?? '').split('\n').filter((l) => l.startsWith('| '));
  const cells = (l: string) =>
    l
      .slice(1, -1)
      .split(' | ')
      .map((c) => c.trim());
  const header = cells(lines[0]!);
  return lines.slice(2).map((l) => Object.fromEntries(cells(l).map((c, i) => [header[i]!, c])));
}

const number = (cell: string | undefined) => Number(String(cell).replaceAll(',', '').replace('×', ''));

// Which contenders each row must have measured (prom-client has no OTLP and no browser bundle;
// throughput rows: bizmetrics = our gateway, raw OTel = our collector build, some collector-only).
const ALL = ['bizmetrics', 'raw OTel', 'prom-client'];
const NO_PROM = ['bizmetrics', 'raw OTel'];
const OTEL_ONLY = ['raw OTel'];
const EXPECTED: Array<[section: string, measure: RegExp, unit: string, columns: string[]]> = [
  ['hot path', /^funnel step \(5 labels\)$/, 'ns/event', ALL],
  ['hot path', /^revenue \(4 labels\) \+ order value histogram$/, 'ns/event', ALL],
  ['hot path', /^feature usage \(3 labels\)$/, 'ns/event', ALL],
  ['hot path', /^session duration histogram \(2 labels\)$/, 'ns/event', ALL],
  ['collection', /^Prometheus scrape, 1,000 series$/, 'ms', ALL],
  ['collection', /^Prometheus scrape, 1,000 series$/, 'bytes', ALL],
  ['collection', /^OTLP protobuf export, 1,000 series$/, 'ms', NO_PROM],
  ['collection', /^OTLP protobuf export, 1,000 series$/, 'bytes', NO_PROM],
  ['memory', /^heap held per series/, 'bytes/series', ALL],
  ['memory', /^label flood: peak retained heap/, 'MB', ALL],
  ['memory', /^label flood: series exported afterwards/, 'series', ALL],
  ['browser', /^bundle, gzip -9$/, 'bytes', NO_PROM],
  ['browser', /^bundle, minified$/, 'bytes', NO_PROM],
  [
    'throughput',
    /^OTLP\/HTTP JSON \(the browser's encoding\), 100-point batches → \/metrics$/,
    'points/CPU-s',
    NO_PROM,
  ],
  ['throughput', /^OTLP\/HTTP protobuf, 100-point batches → \/metrics$/, 'points/CPU-s', NO_PROM],
  [
    'throughput',
    /^OTLP\/HTTP protobuf, 100-point batches → \/metrics, collector without .*transform\/catalog$/,
    'points/CPU-s',
    NO_PROM,
  ],
  [
    'throughput',
    /^OTLP\/HTTP protobuf → prometheus_remote_write into VictoriaMetrics$/,
    'points/CPU-s',
    OTEL_ONLY,
  ],
  ['throughput', /^OTLP\/HTTP protobuf → debug exporter \(basic\)/, 'points/CPU-s', OTEL_ONLY],
  [
    'throughput',
    /^OTLP\/HTTP protobuf → debug, without .*transform\/catalog \(not shipped\)$/,
    'points/CPU-s',
    OTEL_ONLY,
  ],
  [
    'throughput',
    /^SDK export: collect \+ OTLP http\/protobuf POST, 1,000 series$/,
    'CPU ms/1k series',
    NO_PROM,
  ],
];

describe('pnpm bench --quick (smoke run; no time is asserted)', () => {
  let table: Line[];
  let stdout: string;
  beforeAll(async () => {
    ({ stdout } = await promisify(execFile)(process.execPath, [...FLAGS, MAIN, '--quick'], {
      maxBuffer: 1 << 20,
    }));
    table = parseTable(stdout);
  }, 170_000);

  it('names the machine it ran on', () => {
    expect(stdout).toMatch(/^bizmetrics bench \(quick\) on \d+ cores, .+, Node v\d+/m);
  });

  it('prints exactly the expected rows', () => {
    expect(table).toHaveLength(EXPECTED.length);
  });

  it.each(EXPECTED)(
    'has a %s row %s in %s with positive figures and ratios',
    (section, measure, unit, columns) => {
      const row = table.find(
        (l) => l['section'] === section && measure.test(l['measure']!) && l['unit'] === unit,
      );
      expect(row, `${section} ${measure} ${unit}`).toBeDefined();
      for (const column of columns) expect(number(row![column]), column).toBeGreaterThan(0);
      if (columns.includes('bizmetrics')) expect(number(row!['biz ÷ OTel'])).toBeGreaterThan(0);
      if (columns.includes('prom-client')) expect(number(row!['biz ÷ prom'])).toBeGreaterThan(0);
    },
  );

  it('prints the goal table with a verdict for every goal the quick run measures', () => {
    const goals = parseTable(stdout, 1);
    const names = new Set(goals.map((g) => g['goal']));
    for (const goal of [
      'hot path ÷ prom-client',
      'heap per series ÷ prom-client',
      'Prometheus scrape ÷ prom-client',
      "gateway ingest ÷ collector's OTLP receiver → prometheus exporter",
      'label flood, peak heap',
    ])
      expect(names, goal).toContain(goal);
    expect(goals.filter((g) => g['goal'] === 'hot path ÷ prom-client')).toHaveLength(4);
    for (const g of goals) expect(['met', 'NOT met'], g['row']).toContain(g['verdict']);
  });

  it('shows the flood bounded by the series limit while prom-client keeps every value', () => {
    const series = table.find((l) => /series exported afterwards/.test(l['measure']!))!;
    // The catalog's limit plus the one all-`other` series; sdk-metrics' default limit is 2000.
    expect(number(series['bizmetrics'])).toBe(standardCatalog.funnelSteps.seriesLimit + 1);
    expect(number(series['raw OTel'])).toBe(2000);
    expect(number(series['prom-client'])).toBe(5000);
  });
});
