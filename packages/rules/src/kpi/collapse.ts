import type { AlertDef } from './alert.ts';
import type { RateKpi } from './kpi.ts';
import type { Duration } from './window.ts';

/** A traffic collapse is a fall below this share of the baseline: near zero, not a dip. */
export const COLLAPSE_FACTOR = 0.1;

/** Options of {@link collapse}; `for` defaults to 5m and `severity` to page. */
export interface CollapseOptions<B extends string> {
  /** PascalCase alert name. */
  readonly name: string;
  /** A rate KPI of the traffic; one alert per `by` slice (a region, a currency, a funnel step). */
  readonly kpi: RateKpi<B>;
  readonly window: Duration;
  /** Events (or units of the KPI's counter) the baseline must have seen in the window, per slice. */
  readonly min: number;
  readonly for?: Duration;
  readonly severity?: 'page' | 'ticket';
  readonly team: string;
  readonly runbook: string;
  /** What collapsed, for the alert text: `Sessions started`, `Revenue`. */
  readonly what: string;
  /** The KPI's unit in the alert text, if any: `minor units`. */
  readonly unit?: string;
}

/**
 * A traffic-collapse alert: the KPI fell below a tenth of its baseline in a slice whose baseline
 * saw at least `min` events in the window. The service may be up and its counters flat (a bad
 * deploy serving blank pages, a DNS failure, a payment provider down for one method): flat
 * counters are traffic that stopped, not missing data, so this pages where `absent()` cannot.
 */
export function collapse<B extends string>(options: CollapseOptions<B>): AlertDef<B> {
  const slice = options.kpi.by.length
    ? ` (${options.kpi.by.map((l) => `${l} {label:${l}}`).join(', ')})`
    : '';
  const per = `${options.unit ? `${options.unit} ` : ''}${options.kpi.per === 'minute' ? 'per minute' : 'per second'}`;
  const def: AlertDef<B> = {
    name: options.name,
    kpi: options.kpi,
    window: options.window,
    condition: { op: '<', factor: COLLAPSE_FACTOR, offset: '1w' },
    guard: { select: options.kpi.value, min: options.min },
    for: options.for ?? '5m',
    severity: options.severity ?? 'page',
    team: options.team,
    runbook: options.runbook,
    summary: `${options.what}${slice} fell to {value} ${per}`,
    description: `${options.what}${slice} (${options.window}) is {value} ${per}, under ${COLLAPSE_FACTOR * 100}% of its baseline, at a time when the baseline saw at least ${options.min} in ${options.window}: this traffic stopped while the counters still report.`,
  };
  // The guard is the KPI's own selection, so it declares every label the KPI keeps.
  return def;
}
