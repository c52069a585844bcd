import { describe, expect, it } from 'vitest';
import { defineMetric } from '../src/index.ts';
import { createHarness } from './harness.ts';

const FEATURE = 'business.feature.usage';
const use = { feature: 'search', user_tier: 'free', new_user: false };

// The normalizer caches label sets it accepted cleanly; these pin that a cached set changes nothing.
describe('label sets seen before (the normalizer cache)', () => {
  it('records every repeat of a clean label set into the same series', async () => {
    const h = createHarness();
    for (let i = 0; i < 5; i++) h.biz.featureUsed({ ...use });
    expect(await h.value(FEATURE, { ...use, new_user: 'false' })).toBe(5);
  });

  it('still reports an unknown key added to a label set it has cached', async () => {
    const h = createHarness();
    h.biz.featureUsed(use);
    h.biz.featureUsed({ ...use, user_id: 'u1' } as never);
    h.biz.featureUsed({ ...use, user_id: 'u2' } as never);
    expect(await h.guard(FEATURE, 'unknown_label_key', 'mapped')).toBe(2);
    expect(await h.value(FEATURE, { ...use, new_user: 'false' })).toBe(3);
  });

  it('reports a bad value on every repeat, never caching it', async () => {
    const h = createHarness();
    for (let i = 0; i < 3; i++) h.biz.featureUsed({ ...use, user_tier: 'platinum' });
    expect(await h.guard(FEATURE, 'unknown_label_value', 'mapped')).toBe(3);
  });

  it('maps a boolean and its string to one series', async () => {
    const h = createHarness();
    h.biz.featureUsed(use);
    h.biz.featureUsed({ ...use, new_user: 'false' as never });
    expect(await h.points(FEATURE)).toHaveLength(1);
  });

  it('keeps folding new sets into other once the series limit is reached', async () => {
    const h = createHarness();
    const def = defineMetric({
      kind: 'counter',
      name: 'test.cached.flood',
      unit: '{event}',
      description: 'd',
      owner: 'o',
      labels: { page: {} },
      seriesLimit: 2,
    });
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 4; i++) h.biz.counter(def).add(1, { page: `p${i}` });
    expect(await h.value('test.cached.flood', { page: 'p0' })).toBe(3);
    expect(await h.value('test.cached.flood', { page: 'other' })).toBe(6);
    expect(await h.guard('test.cached.flood', 'series_limit', 'mapped')).toBe(6);
  });

  it('reports a literal other on a free-form key shorter than other on every call, never caching it', async () => {
    const h = createHarness();
    const def = defineMetric({
      kind: 'counter',
      name: 'test.short.key',
      unit: '{event}',
      description: 'd',
      owner: 'o',
      labels: { code: { maxLength: 3 } },
    });
    for (let i = 0; i < 3; i++) h.biz.counter(def).add(1, { code: 'other' });
    h.biz.counter(def).add(1, { code: 'abc' });
    expect(await h.value('test.short.key', { code: 'other' })).toBe(3);
    expect(await h.value('test.short.key', { code: 'abc' })).toBe(1);
    expect(await h.guard('test.short.key', 'label_too_long', 'mapped')).toBe(3);
  });
});
