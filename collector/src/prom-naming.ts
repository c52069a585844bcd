/**
 * The metric names the Collector's Prometheus exporters produce, re-implemented from the code they
 * run. Contrib's `exporter/prometheusexporter/collector.go` (`configureMetricNamer`,
 * `getMetricMetadata`) and the remote-write exporter name series with `otlptranslator.MetricNamer`
 * (github.com/prometheus/otlptranslator `metric_namer.go`, `unit_namer.go`, `strategy.go`; v1.0.0,
 * naming unchanged through commit 51da773), whose rules came from contrib's
 * `pkg/translator/prometheus/normalize_name.go` (its provenance header says so). Only the two
 * escaping strategies are implemented: the configs set `UnderscoreEscapingWithSuffixes`.
 */

/** OTLP metric point types as the translator distinguishes them. */
export type OtlpMetricType = 'monotonic_counter' | 'non_monotonic_counter' | 'gauge' | 'histogram';

/** The translation strategies that escape names to the classic Prometheus character set. */
export type EscapingStrategy = 'UnderscoreEscapingWithSuffixes' | 'UnderscoreEscapingWithoutSuffixes';

/** `unitMap` of metric_namer.go: UCUM units to Prometheus unit words. */
const UNIT_MAP: Readonly<Record<string, string>> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '1': '',
  '%': 'percent',
};

/** `perUnitMap` of metric_namer.go: the unit after `/`, singular. */
const PER_UNIT_MAP: Readonly<Record<string, string>> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
  y: 'year',
};

const isCompliant = (c: string): boolean => /^[a-zA-Z0-9:]$/.test(c);

/** `strings.FieldsFunc(name, !isValidCompliantMetricChar)`: runs of valid characters. */
function tokens(name: string): string[] {
  return [...name]
    .reduce<string[][]>(
      (acc, c) => {
        if (isCompliant(c)) acc[acc.length - 1]!.push(c);
        else if (acc[acc.length - 1]!.length > 0) acc.push([]);
        return acc;
      },
      [[]],
    )
    .map((t) => t.join(''))
    .filter((t) => t !== '');
}

/** `buildUnitSuffixes` of unit_namer.go: curly-brace units add nothing. */
function unitSuffixes(unit: string): { main: string; per: string } {
  const [mainRaw, perRaw] = splitOnce(unit, '/');
  const mainOtel = mainRaw.trim();
  const main = mainOtel !== '' && !/[{}]/.test(mainOtel) ? (UNIT_MAP[mainOtel] ?? mainOtel) : '';
  let per = '';
  if (perRaw !== undefined && perRaw !== '') {
    const perOtel = perRaw.trim();
    if (perOtel !== '' && !/[{}]/.test(perOtel)) per = PER_UNIT_MAP[perOtel] ?? perOtel;
    if (per !== '') per = `per_${per}`;
  }
  return { main, per };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** `cleanUpUnit`: invalid characters to `_`, runs of `_` collapsed, no leading `_`. */
function cleanUpUnit(unit: string): string {
  return [...unit]
    .map((c) => (isCompliant(c) ? c : '_'))
    .join('')
    .replace(/_+/g, '_')
    .replace(/^_/, '');
}

/** `addUnitTokens`: a unit word already present as a name token is not added again. */
function addUnitTokens(nameTokens: string[], mainSuffix: string, perSuffix: string): string[] {
  let main = nameTokens.includes(mainSuffix) ? '' : mainSuffix;
  let per = perSuffix;
  if (per === 'per_') per = '';
  else {
    per = per.replace(/_$/, '');
    if (nameTokens.includes(per)) per = '';
  }
  if (per !== '') main = main.replace(/_$/, '');
  const out = [...nameTokens];
  if (main !== '') out.push(main);
  if (per !== '') out.push(per);
  return out;
}

/** `normalizeName` of metric_namer.go (UnderscoreEscapingWithSuffixes, no namespace). */
function normalizeName(name: string, unit: string, type: OtlpMetricType): string {
  const { main, per } = unitSuffixes(unit);
  let out = addUnitTokens(tokens(name), cleanUpUnit(main), cleanUpUnit(per));
  if (type === 'monotonic_counter') out = [...out.filter((t) => t !== 'total'), 'total'];
  if (unit === '1' && type === 'gauge') out = [...out.filter((t) => t !== 'ratio'), 'ratio'];
  const joined = out.join('_');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** `buildCompliantMetricName` without suffixes: invalid runs become one `_`. */
function escapeOnly(name: string): string {
  const joined = name
    .split(/[^a-zA-Z0-9:_]+/)
    .filter((t) => t !== '')
    .join('_');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/**
 * The Prometheus metric family name an OTLP metric gets from the Collector's Prometheus exporters
 * (histograms then expose `<name>_bucket`, `_sum` and `_count`).
 */
export function collectorPromName(
  metric: { readonly name: string; readonly unit: string; readonly type: OtlpMetricType },
  strategy: EscapingStrategy,
): string {
  const name =
    strategy === 'UnderscoreEscapingWithSuffixes'
      ? normalizeName(metric.name, metric.unit, metric.type)
      : escapeOnly(metric.name);
  if (name === '' || /^_+$/.test(name))
    throw new Error(`normalization for metric "${metric.name}" gave "${name}"`);
  return name;
}
