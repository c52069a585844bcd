/** A configuration error found at start-up: names the variable, the value and what is accepted. */
export class BizMetricsConfigError extends Error {
  override name = 'BizMetricsConfigError';
  readonly variable: string;
  constructor(variable: string, value: string, accepted: string) {
    super(`${variable}=${JSON.stringify(value)} is not valid: expected ${accepted}`);
    this.variable = variable;
  }
}
