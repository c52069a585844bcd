import { describe, expect, it } from 'vitest';
import { BizMetricsInputError, defineMetric } from '../src/index.ts';
import { createHarness, order } from './harness.ts';

const REVENUE = 'business.revenue.minor';
const moneyCases: Array<[string, Record<string, unknown>]> = [
  ['negative', { amountMinor: -100 }],
  ['not_finite', { amountMinor: Number.NaN }],
  ['not_finite', { amountMinor: Number.POSITIVE_INFINITY }],
  ['not_integer', { amountMinor: 49.99 }],
  ['unsafe_integer', { amountMinor: 2 ** 53 }],
  ['not_a_number', { amountMinor: '4999' }],
  ['unknown_currency', { currency: 'BTC' }],
  ['unknown_currency', { currency: 'usd' }],
];

describe('guards in production mode', () => {
  it.each(moneyCases)('drops revenue with %s money and counts the reason', async (reason, bad) => {
    const h = createHarness();
    expect(() => h.biz.revenue(order(bad))).not.toThrow();
    expect(await h.points(REVENUE)).toEqual([]);
    expect(await h.points('business.order.value.minor')).toEqual([]);
    expect(await h.guard(REVENUE, reason, 'dropped')).toBe(1);
  });

  it('drops a negative session duration and counts negative_duration', async () => {
    const h = createHarness();
    h.biz.sessionEnded({ user_tier: 'free', entry_page: '/', durationSeconds: -5 });
    h.biz.sessionEnded({ user_tier: 'free', entry_page: '/', startedAt: 2_000_000 });
    expect(await h.points('business.session.duration.seconds')).toEqual([]);
    expect(await h.guard('business.session.duration.seconds', 'negative_duration', 'dropped')).toBe(2);
  });

  it('drops a session end without a duration or start time as not_a_number', async () => {
    const h = createHarness();
    h.biz.sessionEnded({ user_tier: 'free', entry_page: '/' });
    expect(await h.guard('business.session.duration.seconds', 'not_a_number', 'dropped')).toBe(1);
  });

  it('keeps the conversion but drops a negative time to conversion', async () => {
    const h = createHarness();
    h.biz.conversion({ type: 'purchase', source: 'ads', device_type: 'mobile', sessionStartedAt: 5_000_000 });
    expect(
      await h.value('business.conversions', { type: 'purchase', source: 'ads', device_type: 'mobile' }),
    ).toBe(1);
    expect(await h.guard('business.conversion.duration.seconds', 'negative_duration', 'dropped')).toBe(1);
  });

  it('maps a value outside the declared set to other and counts unknown_label_value', async () => {
    const h = createHarness();
    h.biz.featureUsed({ feature: 'search', user_tier: 'platinum', new_user: false });
    expect(
      await h.value('business.feature.usage', { feature: 'search', user_tier: 'other', new_user: 'false' }),
    ).toBe(1);
    expect(await h.guard('business.feature.usage', 'unknown_label_value', 'mapped')).toBe(1);
  });

  it('accepts other in a closed set without counting it, as the browser gateway forwards it', async () => {
    const h = createHarness();
    h.biz.featureUsed({ feature: 'search', user_tier: 'other', new_user: false });
    expect(
      await h.value('business.feature.usage', { feature: 'search', user_tier: 'other', new_user: 'false' }),
    ).toBe(1);
    expect(await h.guard('business.feature.usage', 'unknown_label_value')).toBe(0);
  });

  it('maps an over-long or empty free-form value to other and counts label_too_long', async () => {
    const h = createHarness();
    h.biz.featureUsed({ feature: 'x'.repeat(41), user_tier: 'free', new_user: true });
    h.biz.featureUsed({ feature: '', user_tier: 'free', new_user: true });
    expect(
      await h.value('business.feature.usage', { feature: 'other', user_tier: 'free', new_user: 'true' }),
    ).toBe(2);
    expect(await h.guard('business.feature.usage', 'label_too_long', 'mapped')).toBe(2);
  });

  it('maps a free-form value with a control character to other and counts control_character', async () => {
    const h = createHarness();
    h.biz.featureUsed({ feature: 'search\nINJECTED 1', user_tier: 'free', new_user: true });
    h.biz.featureUsed({ feature: 'esc\u001b[31m', user_tier: 'free', new_user: true });
    h.biz.featureUsed({ feature: 'search', user_tier: 'free', new_user: true });
    expect(
      await h.value('business.feature.usage', { feature: 'other', user_tier: 'free', new_user: 'true' }),
    ).toBe(2);
    expect(
      await h.value('business.feature.usage', { feature: 'search', user_tier: 'free', new_user: 'true' }),
    ).toBe(1);
    expect(await h.guard('business.feature.usage', 'control_character', 'mapped')).toBe(2);
  });

  it('maps a label of the wrong type to other and counts invalid_label_type', async () => {
    const h = createHarness();
    h.biz.featureUsed({ feature: 42, user_tier: 'free', new_user: true } as never);
    h.biz.featureUsed({ feature: { id: 1 }, user_tier: 'free', new_user: true } as never);
    expect(
      await h.value('business.feature.usage', { feature: 'other', user_tier: 'free', new_user: 'true' }),
    ).toBe(2);
    expect(await h.guard('business.feature.usage', 'invalid_label_type', 'mapped')).toBe(2);
  });

  it('maps a missing label to other and counts missing_label', async () => {
    const h = createHarness();
    h.biz.featureUsed({ feature: 'search', user_tier: 'free' } as never);
    expect(
      await h.value('business.feature.usage', { feature: 'search', user_tier: 'free', new_user: 'other' }),
    ).toBe(1);
    expect(await h.guard('business.feature.usage', 'missing_label', 'mapped')).toBe(1);
  });

  it('removes an undeclared label key, such as user_id, and counts unknown_label_key', async () => {
    const h = createHarness();
    h.biz.featureUsed({ feature: 'search', user_tier: 'free', new_user: true, user_id: 'u-1' } as never);
    expect(
      await h.value('business.feature.usage', { feature: 'search', user_tier: 'free', new_user: 'true' }),
    ).toBe(1);
    expect(await h.guard('business.feature.usage', 'unknown_label_key', 'mapped')).toBe(1);
  });

  it('folds label sets beyond the series limit into one all-other series, keeping totals exact', async () => {
    const h = createHarness();
    const def = defineMetric({
      kind: 'counter',
      name: 'test.flood',
      unit: '{event}',
      description: 'd',
      owner: 'o',
      labels: { page: {} },
      seriesLimit: 3,
    });
    for (let i = 0; i < 10; i++) h.biz.counter(def).add(1, { page: `p${i}` });
    const points = await h.points('test.flood');
    expect(points).toHaveLength(4);
    expect(points.reduce((s, p) => s + p.value, 0)).toBe(10);
    expect(await h.value('test.flood', { page: 'other' })).toBe(7);
    expect(await h.guard('test.flood', 'series_limit', 'mapped')).toBe(7);
  });

  it('drops negative and non-finite counter increments', async () => {
    const h = createHarness();
    const def = defineMetric({
      kind: 'counter',
      name: 'test.c',
      unit: '{event}',
      description: 'd',
      owner: 'o',
      labels: {},
    });
    h.biz.counter(def).add(-1, {});
    h.biz.counter(def).add(Number.NaN, {});
    expect(await h.points('test.c')).toEqual([]);
    expect(await h.guard('test.c', 'negative', 'dropped')).toBe(1);
    expect(await h.guard('test.c', 'not_finite', 'dropped')).toBe(1);
  });

  it('drops gauge readings that are not finite and survives a throwing callback', async () => {
    const h = createHarness();
    h.biz.onActiveUsers(() => [{ window: 'daily', user_tier: 'free', count: Number.NaN }]);
    h.biz.onActiveUsers(() => {
      throw new Error('db down');
    });
    expect(await h.points('business.active_users')).toEqual([]);
    // Callbacks run at every collection: each further collection adds exactly one of each finding.
    const notFinite = await h.guard('business.active_users', 'not_finite', 'dropped');
    const failed = await h.guard('business.active_users', 'callback_failed', 'dropped');
    expect(await h.guard('business.active_users', 'not_finite', 'dropped')).toBe(notFinite + 2);
    expect(failed).toBeGreaterThanOrEqual(1);
  });

  it('logs the first finding at once, then at most once per interval with the suppressed count', () => {
    const h = createHarness({ logIntervalMs: 60_000 });
    for (let i = 0; i < 5; i++) h.biz.revenue(order({ amountMinor: -1 }));
    expect(h.logs).toHaveLength(1);
    expect(h.logs[0]).toContain('business.revenue.minor: negative');
    h.tick(60_000);
    h.biz.revenue(order({ amountMinor: -1 }));
    expect(h.logs).toHaveLength(2);
    expect(h.logs[1]).toContain('4 more since the last report');
  });

  it('never throws from a call even when the logger throws', () => {
    const h = createHarness({
      log: () => {
        throw new Error('logger broken');
      },
    });
    expect(() => h.biz.revenue(order({ amountMinor: -1 }))).not.toThrow();
  });
});

describe('guards in strict mode', () => {
  it.each(moneyCases)('throws BizMetricsInputError for %s money', (reason, bad) => {
    const h = createHarness({ mode: 'strict' });
    expect(() => h.biz.revenue(order(bad))).toThrow(BizMetricsInputError);
    expect(() => h.biz.revenue(order(bad))).toThrow(new RegExp(`: ${reason}:`));
  });

  it('throws for an unknown label value instead of mapping it', () => {
    const h = createHarness({ mode: 'strict' });
    expect(() => h.biz.featureUsed({ feature: 'search', user_tier: 'platinum', new_user: false })).toThrow(
      /unknown_label_value/,
    );
  });
});
