import type { Attributes } from '@opentelemetry/api';
import type { MetricDef } from '../catalog/metric.ts';
import type { GuardReporter } from './reporter.ts';

/** The value every out-of-bounds label value is mapped to. */
export const OTHER = 'other';
const DEFAULT_MAX_LENGTH = 64;

/**
 * Turns caller labels into bounded attributes for one metric: every declared key present, values
 * within the declared set or length (else `other`), undeclared keys removed, and at most
 * `seriesLimit` distinct label sets (the rest recorded as one all-`other` set, so totals stay exact).
 */
export function createLabelNormalizer(metric: MetricDef, reporter: GuardReporter) {
  const keys = metric.labelKeys;
  const allowed = keys.map((k) => (metric.labels[k]?.values ? new Set(metric.labels[k].values) : undefined));
  const maxLengths = keys.map((k) => metric.labels[k]?.maxLength ?? DEFAULT_MAX_LENGTH);
  const seen = new Set<string>();
  const overflow: Attributes = Object.freeze(Object.fromEntries(keys.map((k) => [k, OTHER])));

  function value(i: number, raw: unknown): string {
    const key = keys[i]!;
    let v: string;
    if (typeof raw === 'string') v = raw;
    else if (typeof raw === 'boolean') v = raw ? 'true' : 'false';
    else {
      const reason = raw === undefined || raw === null ? 'missing_label' : 'invalid_label_type';
      reporter.report(metric.name, reason, 'mapped', `label "${key}" got ${describe(raw)}`);
      return OTHER;
    }
    const set = allowed[i];
    if (set) {
      if (set.has(v)) return v;
      reporter.report(metric.name, 'unknown_label_value', 'mapped', `label "${key}" got "${truncate(v)}"`);
      return OTHER;
    }
    if (v.length > maxLengths[i]! || v.length === 0) {
      reporter.report(metric.name, 'label_too_long', 'mapped', `label "${key}" got ${v.length} characters`);
      return OTHER;
    }
    return v;
  }

  return function normalize(labels: Readonly<Record<string, unknown>> | undefined): Attributes {
    const input = labels ?? {};
    const out: Attributes = {};
    let seriesKey = '';
    let present = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (Object.hasOwn(input, key)) present++;
      const v = value(i, input[key]);
      out[key] = v;
      seriesKey += `${v}\u0000`;
    }
    let given = 0;
    for (const k in input) if (Object.hasOwn(input, k)) given++;
    if (given > present) reportUnknownKeys(input);
    if (seen.has(seriesKey)) return out;
    if (seen.size < metric.seriesLimit) {
      seen.add(seriesKey);
      return out;
    }
    reporter.report(metric.name, 'series_limit', 'mapped', `more than ${metric.seriesLimit} label sets`);
    return overflow;
  };

  function reportUnknownKeys(input: Readonly<Record<string, unknown>>): void {
    for (const k of Object.keys(input)) {
      if (!(keys as readonly string[]).includes(k))
        reporter.report(metric.name, 'unknown_label_key', 'mapped', `label "${truncate(k)}" is not declared`);
    }
  }
}

function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'an array';
  return typeof raw === 'number' ? `a number (labels are strings)` : `${typeof raw}`;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
