import type { PrometheusClient } from '../prometheus/client.ts';
import { PrometheusError } from '../prometheus/errors.ts';

/** The span an incident is costed over. */
export interface IncidentWindow {
  readonly start: Date;
  readonly end: Date;
  /** `given`, or `alert NAME firing`. */
  readonly source: string;
}

/**
 * The last firing span of an alert in `ALERTS` between `from` and `to`: from the first step it was
 * firing to the last. An alert fires its `for:` duration after the trouble began, so `padBefore`
 * (seconds) moves the start back by that much.
 */
export async function findAlertWindow(
  client: PrometheusClient,
  alert: string,
  from: Date,
  to: Date,
  stepSeconds: number,
  padBefore = 0,
): Promise<IncidentWindow> {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(alert))
    throw new PrometheusError(
      'bad-query',
      `"${alert}" is not an alert name`,
      'give the alertname label value, e.g. PaymentStepConversionDrop',
    );
  const series = await client.queryRange(`max(ALERTS{alertname="${alert}",alertstate="firing"})`, {
    start: from,
    end: to,
    stepSeconds,
  });
  const times = (series[0]?.points ?? []).filter(([, v]) => v > 0).map(([t]) => t);
  if (times.length === 0)
    throw new PrometheusError(
      'unexpected-result',
      `alert ${alert} did not fire between ${from.toISOString()} and ${to.toISOString()}`,
      'check the alert name (ALERTS{alertname=...}), widen the search range, or give the window with --from and --to',
    );
  // The last run of consecutive firing steps.
  let first = times.length - 1;
  while (first > 0 && (times[first] as number) - (times[first - 1] as number) <= stepSeconds * 1.5) first--;
  const start = (times[first] as number) - stepSeconds - padBefore;
  const end = times[times.length - 1] as number;
  return { start: new Date(start * 1000), end: new Date(end * 1000), source: `alert ${alert} firing` };
}
