/** Why a guard dropped or corrected an input. Each reason is a value of the `reason` self-metric label. */
export type GuardReason =
  | 'not_a_number'
  | 'not_finite'
  | 'negative'
  | 'not_integer'
  | 'unsafe_integer'
  | 'unknown_currency'
  | 'negative_duration'
  | 'invalid_label_type'
  | 'missing_label'
  | 'unknown_label_key'
  | 'unknown_label_value'
  | 'label_too_long'
  | 'series_limit'
  | 'unknown_step'
  | 'callback_failed';

/** What the guard did: the whole event was dropped, or a label was mapped to `other`. */
export type GuardAction = 'dropped' | 'mapped';

/** Strict-mode error: bad input to a bizmetrics call. Never thrown in production mode. */
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
