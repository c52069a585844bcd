import type { Attributes } from '@opentelemetry/api';
import type { MetricDef } from '../catalog/metric.ts';
import { DEFAULT_LABEL_MAX_LENGTH, type LabelValueFinding, labelValueFinding } from './label-rules.ts';
import { PERSONAL_DATA_SHAPES } from './personal-data.ts';
import type { GuardReporter } from './reporter.ts';

/** The value every out-of-bounds label value is mapped to. */
export const OTHER = 'other';

/**
 * Turns caller labels into bounded attributes for one metric: every declared key present, values
 * within the declared set or length (else `other`), undeclared keys removed, and at most
 * `seriesLimit` distinct label sets (the rest recorded as one all-`other` set, so totals stay exact).
 */
export function createLabelNormalizer(metric: MetricDef, reporter: GuardReporter) {
  return createSeriesResolver(metric, reporter, (attributes) => attributes);
}

/**
 * The label guards of {@link createLabelNormalizer}, resolving to one series object per accepted
 * label set: `make` is called once per series with its frozen attributes, and every later call
 * with the same label set returns the same object (the overflow set included). The series are
 * held in a trie keyed by the normalized values in catalog key order, which is both the series
 * limit's set and the cache: a repeat walks the trie with the caller's values (no string is built,
 * no object allocated) and takes the full guarded path only when a value is not there.
 */
export function createSeriesResolver<S>(
  metric: MetricDef,
  reporter: GuardReporter,
  make: (attributes: Attributes) => S,
): (labels: Readonly<Record<string, unknown>> | undefined) => S {
  const keys = metric.labelKeys;
  const depth = keys.length;
  const allowed = keys.map((k) => (metric.labels[k]?.values ? new Set(metric.labels[k].values) : undefined));
  const maxLengths = keys.map((k) => metric.labels[k]?.maxLength ?? DEFAULT_LABEL_MAX_LENGTH);
  // Whether a caller's literal `other` passes a key's guard unreported (a free-form key shorter
  // than five characters would report it): only then may a trie walk accept it.
  const otherIsClean = keys.map((_, i) => allowed[i] !== undefined || maxLengths[i]! >= OTHER.length);
  const trie = createSeriesTrie<S>(depth);
  const values: string[] = new Array(depth).fill(OTHER);
  let overflow: S | undefined;

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
      // `other` is always accepted: it is what an upstream guard (the browser SDK) already mapped to.
      if (set.has(v) || v === OTHER) return v;
      reporter.report(metric.name, 'unknown_label_value', 'mapped', `label "${key}" got "${truncate(v)}"`);
      return OTHER;
    }
    // A free-form value: the shared rules of core/validate (length, control characters, personal
    // data), except that a literal `other` too long for its key is reported like any other value.
    const finding: LabelValueFinding | undefined =
      v === OTHER && !otherIsClean[i] ? 'label_too_long' : labelValueFinding(v, metric.labels[key]);
    if (finding) {
      reporter.report(metric.name, finding, 'mapped', `label "${key}" ${findingDetail(finding, v)}`);
      return OTHER;
    }
    return v;
  }

  /**
   * The series of a label set whose every value is one the guards already accepted as itself: a
   * trie holds only normalized values, and each key's guard looks at that key's value alone.
   */
  function known(input: Readonly<Record<string, unknown>>): S | undefined {
    let node: unknown = trie.root;
    for (let i = 0; i < depth; i++) {
      const key = keys[i]!;
      if (!Object.hasOwn(input, key)) return undefined;
      const raw = input[key];
      let v: string;
      if (typeof raw === 'string') {
        if (raw === OTHER && !otherIsClean[i]) return undefined;
        v = raw;
      } else if (typeof raw === 'boolean') v = raw ? 'true' : 'false';
      else return undefined;
      node = (node as Map<string, unknown>).get(v);
      if (node === undefined) return undefined;
    }
    return node as S;
  }

  return function resolve(labels) {
    const input = labels ?? {};
    // Own enumerable keys, as a for-in with hasOwn counts them, without walking the prototype chain.
    const given = Object.keys(input).length;
    // Fast path: exactly the declared keys, with values that were accepted before.
    if (given === depth && depth > 0) {
      const hit = known(input);
      if (hit !== undefined) return hit;
    }
    let present = 0;
    for (let i = 0; i < depth; i++) {
      const key = keys[i]!;
      if (Object.hasOwn(input, key)) present++;
      values[i] = value(i, input[key]);
    }
    if (given > present) reportUnknownKeys(input);
    const found = trie.get(values);
    if (found !== undefined) return found;
    if (trie.size < metric.seriesLimit) return trie.add(values, make(attributesOf(values)));
    reporter.report(metric.name, 'series_limit', 'mapped', `more than ${metric.seriesLimit} label sets`);
    // The all-`other` set is its own series once admitted; otherwise one series beyond the limit.
    values.fill(OTHER);
    overflow ??= trie.get(values) ?? make(attributesOf(values));
    return overflow;
  };

  function attributesOf(normalized: readonly string[]): Attributes {
    const out: Attributes = {};
    for (let i = 0; i < depth; i++) out[keys[i]!] = normalized[i]!;
    return Object.freeze(out);
  }

  function reportUnknownKeys(input: Readonly<Record<string, unknown>>): void {
    for (const k of Object.keys(input)) {
      if (!(keys as readonly string[]).includes(k))
        reporter.report(metric.name, 'unknown_label_key', 'mapped', `label "${truncate(k)}" is not declared`);
    }
  }
}

/**
 * Series by normalized label values, one map level per declared key. With no keys the single
 * series sits at the root.
 */
function createSeriesTrie<S>(depth: number) {
  const root = new Map<string, unknown>();
  let single: S | undefined;
  let size = 0;
  return {
    root,
    get size() {
      return size;
    },
    get(values: readonly string[]): S | undefined {
      if (depth === 0) return single;
      let node: unknown = root;
      for (let i = 0; i < depth; i++) {
        node = (node as Map<string, unknown>).get(values[i]!);
        if (node === undefined) return undefined;
      }
      return node as S;
    },
    add(values: readonly string[], series: S): S {
      size++;
      if (depth === 0) {
        single = series;
        return series;
      }
      let node = root;
      for (let i = 0; i < depth - 1; i++) {
        let next = node.get(values[i]!) as Map<string, unknown> | undefined;
        if (!next) {
          next = new Map();
          node.set(values[i]!, next);
        }
        node = next;
      }
      node.set(values[depth - 1]!, series);
      return series;
    },
  };
}

function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'an array';
  return typeof raw === 'number' ? `a number (labels are strings)` : `${typeof raw}`;
}

/** What a guard finding says about the value, without repeating a value shaped like personal data. */
function findingDetail(finding: LabelValueFinding, v: string): string {
  if (finding === 'label_too_long') return `got ${v.length} characters`;
  if (finding === 'control_character') return 'holds a control character';
  if (finding in PERSONAL_DATA_SHAPES)
    return `looks like ${PERSONAL_DATA_SHAPES[finding as keyof typeof PERSONAL_DATA_SHAPES]}`;
  return `got "${truncate(v)}"`;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
