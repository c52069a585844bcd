import { FORBIDDEN_LABEL_KEYS } from '../catalog/define.ts';
import type { LabelSpec, MetricDef } from '../catalog/metric.ts';
import { OTHER } from './labels.ts';
import { type PersonalDataShape, personalDataShape } from './personal-data.ts';

/**
 * The label rules every place that accepts label values from outside applies the same way: the
 * browser SDK before it records, and the gateway again on whatever arrives (the browser is
 * untrusted). One copy, so the two cannot drift (STYLE 17). Platform-neutral, no OpenTelemetry:
 * reachable through the small `@bizmetrics/core/validate` entry so a browser bundle stays small.
 */

/** Longest free-form value when a label declares no `maxLength`. */
export const DEFAULT_LABEL_MAX_LENGTH = 64;

/** Per-label value allow-lists, narrower than the catalog's, by label key. */
export type AllowLists = Readonly<Record<string, readonly string[]>>;

/** Why a value was replaced by `other` (the point is kept and counted). */
export type LabelValueFinding =
  | 'unknown_label_value'
  | 'label_too_long'
  | 'control_character'
  | 'missing_label'
  | 'invalid_label_type'
  | PersonalDataShape;

/** Why a whole point is dropped because of its label keys. */
export type LabelKeyRejection = 'forbidden_label_key' | 'unknown_label_key' | 'repeated_label_key';

/** A label value mapped to `other`, and why. */
export interface MappedLabel {
  readonly key: string;
  readonly reason: LabelValueFinding;
}

/** The verdict on one point's labels. */
export type LabelVerdict =
  | { readonly ok: true; readonly labels: Record<string, string>; readonly mapped: readonly MappedLabel[] }
  | { readonly ok: false; readonly reason: LabelKeyRejection; readonly key: string };

// C0, DEL and C1 controls: they break log lines, exposition text and dashboards.
const CONTROL = /\p{Cc}/u;

/** True when `value` holds a control character (newline, NUL, escape, …). */
export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value);
}

/**
 * What is wrong with one string label value, or undefined when it may be recorded as is.
 * `other` always passes: it is what an upstream guard already mapped to. An allow-list (the site's,
 * else the catalog's declared set) admits exactly its values; a free-form value must be 1 to
 * `maxLength` characters without control characters.
 */
export function labelValueFinding(
  value: string,
  spec: LabelSpec | undefined,
  allowed?: readonly string[],
): LabelValueFinding | undefined {
  if (value === OTHER) return undefined;
  const set = allowed ?? spec?.values;
  if (set) return set.includes(value) ? undefined : 'unknown_label_value';
  if (value.length === 0 || value.length > (spec?.maxLength ?? DEFAULT_LABEL_MAX_LENGTH))
    return 'label_too_long';
  if (hasControlCharacter(value)) return 'control_character';
  // Contract 4 on the untrusted path too: an e-mail, phone, card or IP in a free-form value.
  return personalDataShape(value);
}

/** Why a label key may not appear on a point of `def`, or undefined when it is declared. */
export function labelKeyRejection(def: MetricDef, key: string): LabelKeyRejection | undefined {
  if ((def.labelKeys as readonly string[]).includes(key)) return undefined;
  return FORBIDDEN_LABEL_KEYS.includes(key.toLowerCase()) ? 'forbidden_label_key' : 'unknown_label_key';
}

/**
 * Judges one point's labels against its metric: an undeclared key (worse, one that identifies a
 * person) or a repeated key drops the point; a missing key, a non-string value, a value outside the
 * allow-list, too long or with control characters becomes `other` and is reported in `mapped`.
 * Booleans become `true`/`false`, as everywhere in core.
 */
export function checkPointLabels(
  def: MetricDef,
  attributes: Iterable<readonly [string, unknown]>,
  allow: AllowLists = {},
): LabelVerdict {
  const labels: Record<string, string> = {};
  const mapped: MappedLabel[] = [];
  for (const [key, raw] of attributes) {
    const rejection = labelKeyRejection(def, key);
    if (rejection) return { ok: false, reason: rejection, key };
    if (Object.hasOwn(labels, key)) return { ok: false, reason: 'repeated_label_key', key };
    const value = typeof raw === 'boolean' ? String(raw) : raw;
    const finding =
      typeof value === 'string'
        ? labelValueFinding(value, def.labels[key], allow[key])
        : 'invalid_label_type';
    if (finding) mapped.push({ key, reason: finding });
    labels[key] = finding ? OTHER : (value as string);
  }
  for (const key of def.labelKeys)
    if (!Object.hasOwn(labels, key)) {
      labels[key] = OTHER;
      mapped.push({ key, reason: 'missing_label' });
    }
  return { ok: true, labels, mapped };
}
