import type { CostAnalysis } from '../cost/incident-cost.ts';
import { estimateIncidentCost } from '../cost/incident-cost.ts';
import { createPrometheusClient } from '../prometheus/client.ts';
import { CORRELATE_DEFAULTS } from './defaults.ts';
import { auth, CorrelateRequestError, duration, number, parseTime } from './parse.ts';

/** A cost estimate as a person or a JSON file states it (`bizmetrics cost`). */
export interface CostRequest {
  readonly prometheus?: string;
  /** The incident window: ISO 8601 or Unix seconds. */
  readonly from?: string;
  readonly to?: string;
  /** Or an alert name, its last firing span in `ALERTS` found within `search` before `now`. */
  readonly alert?: string;
  /** Default `7d`. */
  readonly search?: string;
  /** Moves the alert's first firing step back (its `for:`); default `0s`. */
  readonly alertPad?: string;
  /** Default `5m`. */
  readonly step?: string;
  /** Default 4. */
  readonly baselineWeeks?: number | string;
  /** The newest time to read (ISO 8601 or Unix seconds); default now. */
  readonly now?: string;
  readonly timeout?: string;
  readonly bearerToken?: string;
  readonly basicAuth?: string;
}

/** The whole of `bizmetrics cost`: check the request, find the window, estimate. */
export async function costRequest(request: CostRequest): Promise<CostAnalysis> {
  const now = parseTime('now', request.now, new Date());
  const given = request.from !== undefined || request.to !== undefined;
  if (given && request.alert)
    throw new CorrelateRequestError(
      'alert',
      'give either the window (--from and --to) or an alert, not both',
    );
  if (!given && !request.alert)
    throw new CorrelateRequestError(
      'from',
      'give the incident window with --from and --to, or --alert NAME to find it',
    );
  if (given && (request.from === undefined || request.to === undefined))
    throw new CorrelateRequestError(
      request.from === undefined ? 'from' : 'to',
      'the window needs both --from and --to',
    );
  const window = given
    ? { start: parseTime('from', request.from, now), end: parseTime('to', request.to, now) }
    : undefined;
  if (window && !(window.end > window.start))
    throw new CorrelateRequestError('to', `must be after --from (${window.start.toISOString()})`);
  const client = createPrometheusClient({
    url: request.prometheus ?? CORRELATE_DEFAULTS.prometheus,
    auth: auth(request),
    timeoutMs: duration('timeout', request.timeout ?? CORRELATE_DEFAULTS.timeout) * 1000,
  });
  return estimateIncidentCost({
    client,
    ...(window ? { window } : { alert: request.alert as string }),
    searchFrom: new Date(now.getTime() - duration('search', request.search ?? '7d') * 1000),
    searchTo: now,
    alertPadSeconds: request.alertPad ? duration('alertPad', request.alertPad) : 0,
    stepSeconds: duration('step', request.step ?? '5m'),
    baselineWeeks: number('baselineWeeks', request.baselineWeeks ?? 4),
    now,
  });
}
