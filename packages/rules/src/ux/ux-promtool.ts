import { toYaml } from '../render/yaml.ts';
import { resolveUxOptions, UX_ALERT, UX_RECORDS, type UxScoreOptions } from './ux-score.ts';

/**
 * promtool unit tests of the score with exact expectations (promtool compares floats exactly):
 * counters rising linearly, so `rate()` over 5m of 1-minute samples is their slope exactly, and
 * every ratio below is a dyadic fraction; the score is exact with the default weights (powers of two).
 * The same options as the rules: threshold, histogram and web vitals follow them.
 *
 * Per minute: 45 fast (≤ T) 2xx answers of 60, 15 tolerating 5xx answers → Apdex
 * (30 + 60) / 2 / 60 = 0.75 (satisfied 30/min, within 4T 60/min), error-free 1 − 15/60 = 0.75;
 * browsers: 30 good LCPs of 60 → 0.5.
 */
export function uxScorePromtoolTests(rulesFile: string, options: UxScoreOptions = {}): string {
  const { t, http, vitals, below, weights: w } = resolveUxOptions(options);
  const series = (name: string, labels: string, perMinute: number) => ({
    series: `${name}{${labels}}`,
    values: `0+${perMinute}x40`,
  });
  const httpSeries = [
    series(`${http}_bucket`, `http_response_status_code="200",le="${t}"`, 30),
    series(`${http}_bucket`, `http_response_status_code="200",le="${4 * t}"`, 45),
    series(`${http}_bucket`, 'http_response_status_code="200",le="+Inf"', 45),
    series(`${http}_count`, 'http_response_status_code="200"', 45),
    series(`${http}_bucket`, `http_response_status_code="500",le="${t}"`, 0),
    series(`${http}_bucket`, `http_response_status_code="500",le="${4 * t}"`, 15),
    series(`${http}_bucket`, 'http_response_status_code="500",le="+Inf"', 15),
    series(`${http}_count`, 'http_response_status_code="500"', 15),
  ];
  const lcp = [
    series('browser_lcp_seconds_bucket', 'le="2.5"', 30),
    series('browser_lcp_seconds_count', '', 60),
  ];
  const component = (name: string, value: number) => ({
    labels: `${UX_RECORDS.component}{component="${name}"}`,
    value,
  });
  // Both server components are 0.75, so the server-only score is 0.75 whatever the weights.
  const withVitals =
    (w.apdex * 0.75 + w.errorFree * 0.75 + w.webVitals * 0.5) / (w.apdex + w.errorFree + w.webVitals);
  return toYaml(
    {
      rule_files: [rulesFile],
      evaluation_interval: '1m',
      tests: [
        {
          name: 'server only: Apdex and error-free share, re-weighted without web vitals',
          interval: '1m',
          input_series: httpSeries,
          promql_expr_test: [
            {
              expr: UX_RECORDS.component,
              eval_time: '10m',
              exp_samples: [component('apdex', 0.75), component('error_free', 0.75)],
            },
            // (0.5 · 0.75 + 0.25 · 0.75) / (0.5 + 0.25)
            {
              expr: UX_RECORDS.score,
              eval_time: '10m',
              exp_samples: [{ labels: UX_RECORDS.score, value: 0.75 }],
            },
          ],
          alert_rule_test: [
            { alertname: UX_ALERT, eval_time: '9m', exp_alerts: [] },
            {
              alertname: UX_ALERT,
              eval_time: '20m',
              exp_alerts: [
                {
                  exp_labels: { severity: 'warning', team: 'platform' },
                  exp_annotations: {
                    summary: `User Experience Score below ${below}`,
                    description: `The User Experience Score is 75% (below ${below * 100}%). Its components (ux:component:ratio_rate5m) show which part dropped: apdex (T = ${t} s), error_free (5xx)${vitals ? ' or web_vitals (LCP)' : ''}.`,
                  },
                },
              ],
            },
          ],
        },
        ...(vitals
          ? [
              {
                name: 'with browser web vitals: all three components weighted',
                interval: '1m',
                input_series: [...httpSeries, ...lcp],
                promql_expr_test: [
                  {
                    expr: `${UX_RECORDS.component}{component="web_vitals"}`,
                    eval_time: '10m',
                    exp_samples: [component('web_vitals', 0.5)],
                  },
                  // (w_apdex · 0.75 + w_error_free · 0.75 + w_web_vitals · 0.5) / Σw: 0.6875 with the defaults
                  {
                    expr: UX_RECORDS.score,
                    eval_time: '10m',
                    exp_samples: [{ labels: UX_RECORDS.score, value: withVitals }],
                  },
                ],
              },
            ]
          : []),
        {
          name: 'no alert below the traffic guard (one request a minute)',
          interval: '1m',
          input_series: [
            series(`${http}_bucket`, 'http_response_status_code="500",le="+Inf"', 1),
            series(`${http}_count`, 'http_response_status_code="500"', 1),
          ],
          promql_expr_test: [
            {
              expr: `${UX_RECORDS.component}{component="error_free"}`,
              eval_time: '10m',
              exp_samples: [component('error_free', 0)],
            },
          ],
          alert_rule_test: [{ alertname: UX_ALERT, eval_time: '30m', exp_alerts: [] }],
        },
      ],
    },
    'Generated by @bizmetrics/rules: promtool tests of the User Experience Score.',
  );
}
