import { standardCatalog } from '@bizmetrics/core';
import { describe, expect, it } from 'vitest';
import { seriesBudget, totalSeriesBudget } from '../src/series-budget.ts';

describe('seriesBudget', () => {
  it('counts a counter as its series limit plus the overflow set', () => {
    expect(seriesBudget(standardCatalog.revenue)).toBe(2001);
  });

  it('multiplies a histogram by buckets, +Inf, _sum and _count', () => {
    // 11 boundaries: 12 buckets with +Inf, plus _sum and _count = 14 series per label set.
    expect(seriesBudget(standardCatalog.sessionDuration)).toBe(501 * 14);
  });

  it('adds up over metrics', () => {
    expect(totalSeriesBudget([standardCatalog.revenue, standardCatalog.refunds])).toBe(4002);
  });
});
