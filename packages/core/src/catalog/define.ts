import { personalLabelToken } from '../guards/personal-data.ts';
import type { LabelSpec, MetricDef, MetricKind, MetricSpec } from './metric.ts';

/** Label keys that identify a person, a session or a device: refused at definition time (contract 4). */
export const FORBIDDEN_LABEL_KEYS: readonly string[] = [
  'user_id',
  'userid',
  'user',
  'customer_id',
  'account_id',
  'session_id',
  'sessionid',
  'visitor_id',
  'device_id',
  'client_id',
  'anonymous_id',
  'email',
  'e_mail',
  'phone',
  'ip',
  'ip_address',
  'client_ip',
  'user_agent',
  'name',
  'username',
  'order_id',
  'transaction_id',
  'request_id',
  'trace_id',
  'span_id',
  'url',
  'full_url',
];

const METRIC_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const LABEL_KEY = /^[a-z][a-z0-9_]*$/;
const DEFAULT_SERIES_LIMIT = 1000;

/** Thrown when a metric definition breaks a contract; always at start-up, never on the hot path. */
export class MetricDefinitionError extends Error {
  override name = 'MetricDefinitionError';
}

/**
 * Declares a catalog metric. Validates its name, unit, labels and buckets, and refuses label keys
 * that identify people or sessions, so a bad definition fails when the module loads.
 */
export function defineMetric<K extends MetricKind, const L extends string>(
  spec: MetricSpec<K, L>,
): MetricDef<K, L> {
  const fail = (why: string): never => {
    throw new MetricDefinitionError(`metric "${spec.name}": ${why}`);
  };
  if (!METRIC_NAME.test(spec.name))
    fail('name must be dot-separated lower-case words, e.g. business.funnel.steps');
  if (spec.unit === '1' && spec.kind !== 'counter')
    fail('unit "1" gets "_ratio" appended by Prometheus translators; use a curly-brace unit');
  if (spec.kind === 'counter' && !/^\{[a-z_]+\}$/.test(spec.unit))
    fail(
      `counters take a curly-brace unit such as {event} so every export path yields the same name; got "${spec.unit}"`,
    );
  if (!spec.owner) fail('owner is required');
  const labelKeys = Object.keys(spec.labels) as L[];
  for (const key of labelKeys) checkLabel(spec.name, key, spec.labels[key], fail);
  if (spec.kind === 'histogram') checkBuckets(spec.buckets, fail);
  const seriesLimit = spec.seriesLimit ?? DEFAULT_SERIES_LIMIT;
  if (!Number.isSafeInteger(seriesLimit) || seriesLimit < 1) fail('seriesLimit must be a positive integer');
  checkUnitInName(spec, fail);
  return Object.freeze({ ...spec, seriesLimit, labelKeys, value: spec.value ?? defaultValue(spec.kind) });
}

function defaultValue(kind: MetricKind): MetricDef['value'] {
  return kind === 'counter' || kind === 'updown' ? 'count' : 'number';
}

function checkLabel(metric: string, key: string, spec: LabelSpec, fail: (why: string) => never): void {
  if (FORBIDDEN_LABEL_KEYS.includes(key.toLowerCase()))
    fail(`label "${key}" identifies a person or session and would make one series per visitor (contract 4)`);
  const personal = personalLabelToken(key);
  if (personal)
    fail(
      `label "${key}" names personal data ("${personal}") and would put it in every series (contract 4); label a bounded property instead, such as "${key}_type"`,
    );
  if (!LABEL_KEY.test(key)) fail(`label "${key}" must be snake_case ([a-z][a-z0-9_]*)`);
  if (key.startsWith('otel_') || key.startsWith('__')) fail(`label "${key}" is reserved`);
  if (spec.values?.length === 0) fail(`label "${key}" declares an empty value set`);
  if (spec.maxLength !== undefined && (!Number.isSafeInteger(spec.maxLength) || spec.maxLength < 1))
    fail(`label "${key}" maxLength must be a positive integer (metric ${metric})`);
}

function checkBuckets(buckets: readonly number[] | undefined, fail: (why: string) => never): void {
  if (!buckets || buckets.length === 0) fail('histograms declare bucket boundaries');
  for (let i = 0; i < buckets!.length; i++) {
    const b = buckets![i]!;
    if (!Number.isFinite(b)) fail('bucket boundaries must be finite');
    if (i > 0 && b <= buckets![i - 1]!) fail('bucket boundaries must increase strictly');
  }
}

/** Histograms and gauges with a real unit carry its word in the name, so no translator adds a suffix. */
function checkUnitInName(spec: MetricSpec<MetricKind, string>, fail: (why: string) => never): void {
  if (spec.kind === 'counter' || spec.unit.startsWith('{')) return;
  const word = UNIT_WORDS[spec.unit];
  if (!word)
    fail(
      `unit "${spec.unit}" is not supported; use one of ${Object.keys(UNIT_WORDS).join(', ')} or a {curly} unit`,
    );
  if (!spec.name.endsWith(`.${word}`)) fail(`a metric with unit "${spec.unit}" must end in ".${word}"`);
}

/** The Prometheus unit word each supported UCUM unit translates to. */
export const UNIT_WORDS: Readonly<Record<string, string>> = {
  s: 'seconds',
  ms: 'milliseconds',
  By: 'bytes',
};
