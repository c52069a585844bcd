import { type MetricDef, promName, standardCatalog } from '@bizmetrics/core';
import { selfCatalog } from '@bizmetrics/core/catalog';
import { describe, expect, it } from 'vitest';
import { composeFiles, configFiles } from '../src/compose.ts';
import { collectorPromName, type EscapingStrategy, type OtlpMetricType } from '../src/prom-naming.ts';

const METRICS: MetricDef[] = [...Object.values(standardCatalog), ...Object.values(selfCatalog)];

/** How the SDK's instruments arrive in OTLP (cumulative temporality). */
function otlpType(metric: MetricDef): OtlpMetricType {
  switch (metric.kind) {
    case 'counter':
      return 'monotonic_counter';
    case 'updown':
      return 'non_monotonic_counter';
    case 'gauge':
      return 'gauge';
    case 'histogram':
      return 'histogram';
  }
}

/** The translation strategy an overlay configures for its Prometheus exporter. */
function strategyOf(backend: 'prometheus' | 'remote-write'): EscapingStrategy {
  const config = composeFiles(configFiles(backend)) as {
    exporters: Record<string, { translation_strategy?: string }>;
  };
  const [exporter] = Object.values(config.exporters);
  const strategy = exporter?.translation_strategy;
  if (strategy !== 'UnderscoreEscapingWithSuffixes' && strategy !== 'UnderscoreEscapingWithoutSuffixes')
    throw new Error(`${backend}: translation_strategy is ${String(strategy)}, set it explicitly`);
  return strategy;
}

describe.each(['prometheus', 'remote-write'] as const)('the %s overlay keeps contract 1', (backend) => {
  const strategy = strategyOf(backend);

  it('sets the translation strategy explicitly to escaping with suffixes', () => {
    expect(strategy).toBe('UnderscoreEscapingWithSuffixes');
  });

  it.each(METRICS.map((m) => [m.name, m] as const))('names %s as promName() does', (_name, metric) => {
    expect(
      collectorPromName({ name: metric.name, unit: metric.unit, type: otlpType(metric) }, strategy),
    ).toBe(promName(metric));
  });

  it('names the revenue counter business_revenue_minor_total', () => {
    expect(
      collectorPromName(
        { name: 'business.revenue.minor', unit: '{minor_unit}', type: 'monotonic_counter' },
        strategy,
      ),
    ).toBe(promName(standardCatalog.revenue));
  });

  it('names the conversion-duration histogram without a second _seconds', () => {
    const m = standardCatalog.conversionDuration;
    expect(collectorPromName({ name: m.name, unit: m.unit, type: 'histogram' }, strategy)).toBe(
      'business_conversion_duration_seconds',
    );
  });

  it('names the active-users gauge without a unit word', () => {
    const m = standardCatalog.activeUsers;
    expect(collectorPromName({ name: m.name, unit: m.unit, type: 'gauge' }, strategy)).toBe(
      'business_active_users',
    );
  });
});
