import { currencyExponent } from '../catalog/currencies.ts';
import type { MetricDef } from '../catalog/metric.ts';
import type { GuardReason } from './reasons.ts';

/** The reason a measurement value is unacceptable for `metric`, or undefined when it is fine. */
export function checkValue(metric: MetricDef, value: unknown): GuardReason | undefined {
  if (typeof value !== 'number') return 'not_a_number';
  if (!Number.isFinite(value)) return 'not_finite';
  if (metric.kind === 'updown' || metric.kind === 'gauge') return undefined;
  if (value < 0) return metric.value === 'duration' ? 'negative_duration' : 'negative';
  if (metric.value === 'money') {
    if (!Number.isInteger(value)) return 'not_integer';
    if (!Number.isSafeInteger(value)) return 'unsafe_integer';
  }
  return undefined;
}

/** True when a `currency` label value is an ISO 4217 code. */
export function isKnownCurrency(value: unknown): boolean {
  return typeof value === 'string' && currencyExponent(value) !== undefined;
}
