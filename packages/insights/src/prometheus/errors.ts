/** Why a Prometheus API call failed; `hint` says what to change. */
export type PrometheusErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'not-found'
  | 'not-prometheus'
  | 'bad-query'
  | 'too-many-points'
  | 'execution'
  | 'unexpected-result';

/** A failed Prometheus (or VictoriaMetrics) API call, with the server's words and a hint. */
export class PrometheusError extends Error {
  override readonly name = 'PrometheusError';
  readonly kind: PrometheusErrorKind;
  readonly hint: string;
  readonly status: number | undefined;

  constructor(kind: PrometheusErrorKind, message: string, hint: string, status?: number) {
    super(`${message}\n  hint: ${hint}`);
    this.kind = kind;
    this.hint = hint;
    this.status = status;
  }
}

// Prometheus: "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the
// query resolution (?step=XX)". VictoriaMetrics: "too many points for the given step=…, start=…
// and end=…: …; cannot exceed -search.maxPointsPerTimeseries=30000".
const POINT_LIMIT = /maximum resolution of [\d,]+ points|maxPointsPerTimeseries|too many points/i;

/** Whether a server error message is the per-series point limit of Prometheus or VictoriaMetrics. */
export function isPointLimitMessage(message: string): boolean {
  return POINT_LIMIT.test(message);
}

// VictoriaMetrics answers syntax errors with HTTP 422 and errorType "422", like execution errors.
const SYNTAX = /parse error|cannot parse|unexpected token|unparsed data|syntax error/i;

/** Whether a server error message is a PromQL/MetricsQL syntax error. */
export function isSyntaxMessage(message: string): boolean {
  return SYNTAX.test(message);
}
