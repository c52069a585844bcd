/** Why a guard dropped or corrected an input. Each reason is a value of the `reason` self-metric label. */
export const GUARD_REASONS = [
  'not_a_number',
  'not_finite',
  'negative',
  'not_integer',
  'unsafe_integer',
  'unknown_currency',
  'negative_duration',
  'invalid_label_type',
  'missing_label',
  'unknown_label_key',
  'unknown_label_value',
  'label_too_long',
  /** A free-form label value holding a control character (newline, NUL, escape, …): mapped to `other`. */
  'control_character',
  'series_limit',
  'unknown_step',
  'callback_failed',
  /** The argument itself is not what the call takes (not an object, not iterable). */
  'invalid_input',
  /** `funnel()` was declared with a bad name, steps or options: its journeys record nothing. */
  'invalid_funnel',
  /** Something below the guards threw; the call was dropped instead of breaking the host. */
  'internal_error',
  /** A free-form label value shaped like an e-mail address, phone number, card number or IP address. */
  'pii_email',
  'pii_phone',
  'pii_card',
  'pii_ip',
] as const;

/** Why a guard dropped or corrected an input. */
export type GuardReason = (typeof GUARD_REASONS)[number];

/** What the guard did: the whole event was dropped, or a label was mapped to `other`. */
export type GuardAction = 'dropped' | 'mapped';

/**
 * Strict-mode error: bad input to a bizmetrics call. Never thrown in production mode. The message
 * names the metric, the reason and the field (`label "region"`, `value`, `steps`, `input`).
 */
export class BizMetricsInputError extends Error {
  override name = 'BizMetricsInputError';
  readonly metric: string;
  readonly reason: GuardReason;
  constructor(metric: string, reason: GuardReason, detail: string) {
    super(`${metric}: ${reason}: ${detail}`);
    this.metric = metric;
    this.reason = reason;
  }
}
