import type { KpiUnit } from '../kpi/kpi.ts';

const PLACEHOLDER = /\{(value|label:([a-z_][a-z0-9_]*))\}/g;

/** The Go template Prometheus expands: `{value}` humanized by the KPI's unit, `{label:x}` as `$labels.x`. */
export function toGoTemplate(text: string, unit: KpiUnit): string {
  return text.replace(PLACEHOLDER, (_all, _what: string, label?: string) => {
    if (label) return `{{ $labels.${label} }}`;
    return unit === 'ratio' ? '{{ $value | humanizePercentage }}' : '{{ $value | humanize }}';
  });
}

/** The text Prometheus will produce for a known value and labels (what promtool tests expect). */
export function expandText(
  text: string,
  unit: KpiUnit,
  value: number,
  labels: Readonly<Record<string, string>>,
): string {
  return text.replace(PLACEHOLDER, (_all, _what: string, label?: string) => {
    if (label) return labels[label] ?? '';
    return unit === 'ratio' ? humanizePercentage(value) : humanize(value);
  });
}

/** Go's `%.4g`: four significant digits, trailing zeros dropped, exponent outside [1e-4, 1e4). */
export function goG4(v: number): string {
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(4)))));
  if (exp < -4 || exp >= 4) {
    const [m, e] = v.toExponential(3).split('e') as [string, string];
    const mant = m.replace(/\.?0+$/, '');
    const n = Number(e);
    return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(Number(v.toPrecision(4)));
}

/** Prometheus's `humanize`: SI prefixes (k, M, G, … and m, u, n, …) over `%.4g`. */
export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return goG4(v);
  if (Math.abs(v) >= 1) {
    const prefixes = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
    let i = 0;
    while (Math.abs(v) >= 1000 && i < prefixes.length - 1) {
      v /= 1000;
      i++;
    }
    return `${goG4(v)}${prefixes[i]}`;
  }
  const prefixes = ['', 'm', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];
  let i = 0;
  while (Math.abs(v) < 1 && i < prefixes.length - 1) {
    v *= 1000;
    i++;
  }
  return `${goG4(v)}${prefixes[i]}`;
}

/** Prometheus's `humanizePercentage`: `%.4g%` of v × 100. */
export function humanizePercentage(v: number): string {
  return `${goG4(v * 100)}%`;
}
