import { toYaml } from '../render/yaml.ts';

/**
 * The User Experience Score: a weighted mean of what the project records about how users are served,
 * each component a share in [0, 1] where 1 is best.
 *
 * - `apdex`: Apdex of the HTTP server duration histogram, (satisfied + tolerating / 2) / all, with
 *   satisfied ≤ T and tolerating ≤ 4T seconds; T and 4T must be bucket boundaries.
 * - `error_free`: 1 − the share of 5xx answers (`http_response_status_code`).
 * - `web_vitals`: the share of page loads with a good Largest Contentful Paint, where a browser
 *   histogram of it exists; without one the component is absent and the others are re-weighted.
 *
 * The score is recorded with its parts (one series per component and its weight), so a change can be
 * explained by which component moved, without knowing the weights (insights' `explainUxScore`).
 */
export interface UxScoreOptions {
  /** Apdex threshold T in seconds (default 0.25: tolerating up to 1 s). */
  readonly apdexThresholdSeconds?: number;
  /** Bucket boundaries of the HTTP histogram, to check T and 4T against (default the example shop's). */
  readonly buckets?: readonly number[];
  /** Prometheus family of the HTTP server duration histogram (default http_server_request_duration_seconds). */
  readonly httpHistogram?: string;
  /** Browser LCP histogram family and the good threshold (default `browser_lcp_seconds`, 2.5 s). */
  readonly webVitals?: { readonly histogram: string; readonly goodSeconds: number } | false;
  /** Weights (defaults 0.5, 0.25, 0.25: powers of two, so scores of exact inputs are exact). */
  readonly weights?: { readonly apdex?: number; readonly errorFree?: number; readonly webVitals?: number };
  /** Rate window (default 5m). */
  readonly window?: string;
  /** The alert: score below this for `for`, with at least `minRequestsPerSecond` (defaults 0.8, 10m, 0.1). */
  readonly alert?: { readonly below?: number; readonly for?: string; readonly minRequestsPerSecond?: number };
  /** Rule group name and interval (defaults bizmetrics-ux, 30s). */
  readonly group?: { readonly name?: string; readonly interval?: string };
}

/** A configuration value the score cannot use. */
export class UxScoreConfigError extends Error {
  override name = 'UxScoreConfigError';
}

/** The example shop's HTTP buckets (its catalog's http.server.request.duration.seconds). */
const SHOP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** Names of the recorded series. */
export const UX_RECORDS = {
  component: 'ux:component:ratio_rate5m',
  weight: 'ux:component:weight',
  score: 'ux:score:ratio_rate5m',
} as const;
export const UX_ALERT = 'UserExperienceScoreLow';

/** A Prometheus rule group, as rule files hold it. */
export interface UxRuleGroup {
  readonly name: string;
  readonly interval: string;
  readonly rules: readonly (
    | { readonly record: string; readonly expr: string; readonly labels?: Readonly<Record<string, string>> }
    | {
        readonly alert: string;
        readonly expr: string;
        readonly for: string;
        readonly labels: Readonly<Record<string, string>>;
        readonly annotations: Readonly<Record<string, string>>;
      }
  )[];
}

/** Options with their defaults filled in and checked. */
export function resolveUxOptions(options: UxScoreOptions = {}) {
  const t = options.apdexThresholdSeconds ?? 0.25;
  const buckets = options.buckets ?? SHOP_BUCKETS;
  for (const [name, le] of [
    ['T', t],
    ['4T', 4 * t],
  ] as const)
    if (!buckets.includes(le))
      throw new UxScoreConfigError(
        `apdexThresholdSeconds ${t}: ${name} = ${le} s is not a bucket boundary of the HTTP histogram (${buckets.join(', ')}); choose T so that T and 4T are boundaries`,
      );
  const weights = { apdex: 0.5, errorFree: 0.25, webVitals: 0.25, ...options.weights };
  for (const [key, value] of Object.entries(weights))
    if (!(value >= 0) || !Number.isFinite(value))
      throw new UxScoreConfigError(`weights.${key} must be a non-negative number, got ${value}`);
  return {
    t,
    weights,
    window: options.window ?? '5m',
    http: options.httpHistogram ?? 'http_server_request_duration_seconds',
    vitals:
      options.webVitals === false
        ? undefined
        : (options.webVitals ?? { histogram: 'browser_lcp_seconds', goodSeconds: 2.5 }),
    below: options.alert?.below ?? 0.8,
    minRps: options.alert?.minRequestsPerSecond ?? 0.1,
    for: options.alert?.for ?? '10m',
  };
}

/** The recording rules of the score, its components and weights, and its alert. */
export function uxScoreRules(options: UxScoreOptions = {}): UxRuleGroup {
  const { t, weights: w, window, http, vitals, below, minRps } = resolveUxOptions(options);
  const rate = (series: string) => `sum(rate(${series}[${window}]))`;
  const total = `(${rate(`${http}_count`)} > 0)`;
  const component = (name: string) => ({ record: UX_RECORDS.component, labels: { component: name } });
  const weight = (name: string, value: number) => ({
    record: UX_RECORDS.weight,
    expr: `vector(${value})`,
    labels: { component: name },
  });
  return {
    name: options.group?.name ?? 'bizmetrics-ux',
    interval: options.group?.interval ?? '30s',
    rules: [
      {
        ...component('apdex'),
        expr: `(${rate(`${http}_bucket{le="${fmt(t)}"}`)} + ${rate(`${http}_bucket{le="${fmt(4 * t)}"}`)}) / 2 / ${total}`,
      },
      {
        ...component('error_free'),
        expr: `1 - ${rate(`${http}_count{http_response_status_code=~"5.."}`)} / ${total}`,
      },
      ...(vitals
        ? [
            {
              ...component('web_vitals'),
              expr: `${rate(`${vitals.histogram}_bucket{le="${fmt(vitals.goodSeconds)}"}`)} / (${rate(`${vitals.histogram}_count`)} > 0)`,
            },
          ]
        : []),
      weight('apdex', w.apdex),
      weight('error_free', w.errorFree),
      ...(vitals ? [weight('web_vitals', w.webVitals)] : []),
      {
        // Weighted mean over the components present: a missing one (no browser data) drops out of
        // the numerator and the denominator alike.
        record: UX_RECORDS.score,
        expr: `sum(${UX_RECORDS.component} * on (component) ${UX_RECORDS.weight}) / sum(${UX_RECORDS.weight} and on (component) ${UX_RECORDS.component})`,
      },
      {
        alert: UX_ALERT,
        expr: `${UX_RECORDS.score} < ${below} and on () ${rate(`${http}_count`)} > ${minRps}`,
        for: resolveUxOptions(options).for,
        labels: { severity: 'warning', team: 'platform' },
        annotations: {
          summary: `User Experience Score below ${below}`,
          description: `The User Experience Score is {{ $value | humanizePercentage }} (below ${below * 100}%). Its components (ux:component:ratio_rate5m) show which part dropped: apdex (T = ${t} s), error_free (5xx)${vitals ? ' or web_vitals (LCP)' : ''}.`,
        },
      },
    ],
  };
}

/** The score's rules as a Prometheus rule file. */
export function renderUxRulesFile(options: UxScoreOptions = {}): string {
  return toYaml(
    { groups: [uxScoreRules(options)] },
    'Generated by @bizmetrics/rules: the User Experience Score. Do not edit: change the options and regenerate.',
  );
}

/** A bucket boundary as Prometheus writes it in `le` (shortest round-trip form, `1` not `1.0`). */
function fmt(value: number): string {
  return String(value);
}
