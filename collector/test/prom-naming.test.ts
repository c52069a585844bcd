import { describe, expect, it } from 'vitest';
import { collectorPromName, type OtlpMetricType } from '../src/prom-naming.ts';

// Cases from prometheus/otlptranslator metric_namer_test.go (the namer contrib's exporters call),
// UnderscoreEscapingWithSuffixes, no namespace.
const CASES: [name: string, unit: string, type: OtlpMetricType, want: string][] = [
  ['simple_metric', '', 'gauge', 'simple_metric'],
  ['metric@with#special$chars', '', 'gauge', 'metric_with_special_chars'],
  ['123metric', '', 'gauge', '_123metric'],
  ['metric@@##$$name', '', 'gauge', 'metric_name'],
  ['requests', '', 'monotonic_counter', 'requests_total'],
  ['cpu_usage', '1', 'gauge', 'cpu_usage_ratio'],
  ['items', '1', 'monotonic_counter', 'items_total'],
  ['response_time', 'ms', 'gauge', 'response_time_milliseconds'],
  ['memory_usage', 'By', 'gauge', 'memory_usage_bytes'],
  ['requests', '1/s', 'gauge', 'requests_per_second'],
  ['throughput', 'By/s', 'gauge', 'throughput_bytes_per_second'],
  ['custom_metric', 'custom_unit', 'gauge', 'custom_metric_custom_unit'],
  ['custom_metric', '{custom}', 'gauge', 'custom_metric'],
  ['custom_metric', 'By/{custom}', 'gauge', 'custom_metric_bytes'],
  ['requests_total', '', 'monotonic_counter', 'requests_total'],
  ['cpu_usage_ratio', '1', 'gauge', 'cpu_usage_ratio'],
  ['response_time_seconds', 's', 'histogram', 'response_time_seconds'],
  ['http.server.duration', 's', 'histogram', 'http_server_duration_seconds'],
];

describe('collectorPromName with UnderscoreEscapingWithSuffixes', () => {
  it.each(CASES)('names %s [%s] (%s) %s', (name, unit, type, want) => {
    expect(collectorPromName({ name, unit, type }, 'UnderscoreEscapingWithSuffixes')).toBe(want);
  });

  it('appends the unit word to a histogram whose name lacks it', () => {
    const m = { name: 'business.checkout.duration', unit: 's', type: 'histogram' as const };
    expect(collectorPromName(m, 'UnderscoreEscapingWithSuffixes')).toBe('business_checkout_duration_seconds');
  });

  it('adds _total to monotonic counters only, not to up-down counters', () => {
    const base = { name: 'business.queue.depth', unit: '{item}' };
    expect(collectorPromName({ ...base, type: 'monotonic_counter' }, 'UnderscoreEscapingWithSuffixes')).toBe(
      'business_queue_depth_total',
    );
    expect(
      collectorPromName({ ...base, type: 'non_monotonic_counter' }, 'UnderscoreEscapingWithSuffixes'),
    ).toBe('business_queue_depth');
  });

  it('refuses a name that escapes to nothing', () => {
    expect(() =>
      collectorPromName({ name: '@#$%', unit: '', type: 'gauge' }, 'UnderscoreEscapingWithSuffixes'),
    ).toThrow(/normalization/);
  });
});

describe('collectorPromName with UnderscoreEscapingWithoutSuffixes', () => {
  it('escapes but adds neither unit nor _total', () => {
    const m = { name: 'http.server.duration', unit: 's', type: 'monotonic_counter' as const };
    expect(collectorPromName(m, 'UnderscoreEscapingWithoutSuffixes')).toBe('http_server_duration');
  });
});
