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
  const known = createKnownSets(keys.length, metric.seriesLimit);
  // Set by value() whenever a guard finding is reported: such a call is never cached.
  let reported = false;

  function value(i: number, raw: unknown): string {
    const key = keys[i]!;
    let v: string;
    if (typeof raw === 'string') v = raw;
    else if (typeof raw === 'boolean') v = raw ? 'true' : 'false';
    else {
      const reason = raw === undefined || raw === null ? 'missing_label' : 'invalid_label_type';
      reported = true;
      reporter.report(metric.name, reason, 'mapped', `label "${key}" got ${describe(raw)}`);
      return OTHER;
    }
    const set = allowed[i];
    if (set) {
      // `other` is always accepted: it is what an upstream guard (the browser SDK) already mapped to.
      if (set.has(v) || v === OTHER) return v;
      reported = true;
      reporter.report(metric.name, 'unknown_label_value', 'mapped', `label "${key}" got "${truncate(v)}"`);
      return OTHER;
    }
    if (v.length > maxLengths[i]! || v.length === 0) {
      reported = true;
      reporter.report(metric.name, 'label_too_long', 'mapped', `label "${key}" got ${v.length} characters`);
      return OTHER;
    }
    return v;
  }

  return function normalize(labels: Readonly<Record<string, unknown>> | undefined): Attributes {
    const input = labels ?? {};
    // Own enumerable keys, as a for-in with hasOwn counts them, without walking the prototype chain.
    const given = Object.keys(input).length;
    // Fast path: exactly the declared keys, with values that were accepted cleanly before.
    if (given === keys.length) {
      const hit = known.get(input, keys);
      if (hit) return hit;
    }
    const out: Attributes = {};
    let seriesKey = '';
    let present = 0;
    reported = false;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (Object.hasOwn(input, key)) present++;
      const v = value(i, input[key]);
      out[key] = v;
      seriesKey += `${v}\u0000`;
    }
    if (given > present) reportUnknownKeys(input);
    const clean = !reported && given === present && present === keys.length;
    if (seen.has(seriesKey)) return clean ? known.add(input, keys, out) : out;
    if (seen.size < metric.seriesLimit) {
      seen.add(seriesKey);
      return clean ? known.add(input, keys, out) : out;
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

/** Caller label values, one trie level per declared key, down to the attributes they became. */
type Trie = Map<unknown, unknown>;

/**
 * Label sets already accepted without any finding, keyed by the caller's raw values (no string is
 * built on a hit), mapped to their frozen attributes. At most `limit` sets: it never outgrows the
 * series limit, and what it does not hold simply takes the full, guarded path.
 */
function createKnownSets(depth: number, limit: number) {
  const root: Trie = new Map();
  let size = 0;
  return {
    get(input: Readonly<Record<string, unknown>>, keys: readonly string[]): Attributes | undefined {
      if (depth === 0) return undefined;
      let node: unknown = root;
      for (let i = 0; i < depth; i++) {
        const key = keys[i]!;
        if (!Object.hasOwn(input, key)) return undefined;
        node = (node as Trie).get(input[key]);
        if (node === undefined) return undefined;
      }
      return node as Attributes;
    },
    add(input: Readonly<Record<string, unknown>>, keys: readonly string[], out: Attributes): Attributes {
      if (depth === 0 || size >= limit) return out;
      const frozen = Object.freeze(out);
      let node = root;
      for (let i = 0; i < depth - 1; i++) {
        const raw = input[keys[i]!];
        let next = node.get(raw) as Trie | undefined;
        if (!next) {
          next = new Map();
          node.set(raw, next);
        }
        node = next;
      }
      const last = input[keys[depth - 1]!];
      if (!node.has(last)) size++;
      node.set(last, frozen);
      return frozen;
    },
  };
}

function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'an array';
  return typeof raw === 'number' ? `a number (labels are strings)` : `${typeof raw}`;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
