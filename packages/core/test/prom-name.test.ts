import { describe, expect, it } from 'vitest';
import { selfCatalog } from '../src/catalog.ts';
import { promName, standardCatalog } from '../src/index.ts';
import { promBucket, promLabel, promSeriesNames } from '../src/prometheus.ts';

describe('promName', () => {
  it('gives every standard metric the name all export paths agree on', () => {
    const names = Object.fromEntries(
      Object.entries(standardCatalog).map(([k, m]) => [k, promSeriesNames(m)]),
    );
    expect(names).toEqual({
      funnelSteps: ['business_funnel_steps_total'],
      funnelAbandonments: ['business_funnel_abandonments_total'],
      conversions: ['business_conversions_total'],
      conversionDuration: [
        'business_conversion_duration_seconds_bucket',
        'business_conversion_duration_seconds_sum',
        'business_conversion_duration_seconds_count',
      ],
      revenue: ['business_revenue_minor_total'],
      refunds: ['business_refunds_minor_total'],
      orderValue: [
        'business_order_value_minor_bucket',
        'business_order_value_minor_sum',
        'business_order_value_minor_count',
      ],
      featureUsage: ['business_feature_usage_total'],
      sessionDuration: [
        'business_session_duration_seconds_bucket',
        'business_session_duration_seconds_sum',
        'business_session_duration_seconds_count',
      ],
      sessionsStarted: ['business_sessions_started_total'],
      milestones: ['business_milestones_total'],
      activeUsers: ['business_active_users'],
    });
  });

  it('names the self-metrics too', () => {
    expect(promName(selfCatalog.guardEvents)).toBe('bizmetrics_guard_events_total');
  });

  it('refuses histogram series names for a counter', () => {
    expect(() => promBucket(standardCatalog.revenue as never)).toThrow(/not a histogram/);
  });

  it('keeps snake_case label keys as they are', () => {
    expect(promLabel('device_type')).toBe('device_type');
  });
});
