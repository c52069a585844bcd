import { describe, expect, it } from 'vitest';
import { UX_ALERT, UxScoreConfigError, uxDashboard, uxScoreRules } from '../../src/ux.ts';

describe('uxScoreRules', () => {
  it('computes Apdex from the buckets at T and 4T', () => {
    const apdex = uxScoreRules({ apdexThresholdSeconds: 0.025, buckets: [0.025, 0.1] }).rules[0];
    expect(apdex).toEqual({
      record: 'ux:component:ratio_rate5m',
      labels: { component: 'apdex' },
      expr: '(sum(rate(http_server_request_duration_seconds_bucket{le="0.025"}[5m])) + sum(rate(http_server_request_duration_seconds_bucket{le="0.1"}[5m]))) / 2 / (sum(rate(http_server_request_duration_seconds_count[5m])) > 0)',
    });
  });

  it('refuses a threshold whose 4T is not a bucket boundary, naming both', () => {
    expect(() => uxScoreRules({ apdexThresholdSeconds: 0.3 })).toThrow(UxScoreConfigError);
    expect(() => uxScoreRules({ apdexThresholdSeconds: 0.3 })).toThrow(
      /^apdexThresholdSeconds 0\.3: T = 0\.3 s is not a bucket boundary/,
    );
  });

  it('leaves web vitals out when told to, and keeps the alert guarded by traffic', () => {
    const group = uxScoreRules({ webVitals: false, alert: { below: 0.9, minRequestsPerSecond: 2 } });
    expect(
      group.rules.map((r) => ('labels' in r && 'record' in r ? r.labels?.['component'] : undefined)),
    ).not.toContain('web_vitals');
    expect(JSON.stringify(group)).not.toMatch(/web_vitals|browser_lcp/);
    const alert = group.rules.find((r) => 'alert' in r && r.alert === UX_ALERT);
    expect(alert?.expr).toBe(
      'ux:score:ratio_rate5m < 0.9 and on () sum(rate(http_server_request_duration_seconds_count[5m])) > 2',
    );
  });

  it('puts the score and its components on one dashboard panel', () => {
    const json = JSON.stringify(uxDashboard());
    expect(json).toContain('"expr":"ux:score:ratio_rate5m"');
    expect(json).toContain('"expr":"ux:component:ratio_rate5m"');
  });
});
