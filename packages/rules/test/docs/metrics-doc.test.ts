import { standardCatalog } from '@bizmetrics/core';
import { selfCatalog } from '@bizmetrics/core/catalog';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/index.ts';
import { buildModel } from '../../src/model.ts';
import { metricsMarkdown } from '../../src/render.ts';

describe('metric docs', () => {
  const md = metricsMarkdown(buildModel(defaultConfig));
  const rowOf = (name: string) => md.split('\n').find((l) => l.startsWith(`| \`${name}\``)) ?? '';

  it('has a row for every catalog metric', () => {
    for (const m of Object.values({ ...standardCatalog, ...selfCatalog })) expect(rowOf(m.name)).not.toBe('');
  });

  it('names the wire series, owner, rules and alerts that use a metric', () => {
    const row = rowOf('business.revenue.minor');
    expect(row).toContain('`business_revenue_minor_total`');
    expect(row).toContain('finance');
    expect(row).toContain('`currency:revenue_minor:rate30m_per_minute`');
    expect(row).toContain('RevenueBelowBaseline');
  });

  it('lists histogram series with their suffixes', () => {
    expect(rowOf('business.order.value.minor')).toContain('`business_order_value_minor_bucket`');
  });
});
