import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/index.ts';
import { baselineOf } from '../../src/model/baseline-rules.ts';
import { render, sel } from '../../src/model/promql.ts';
import { buildModel } from '../../src/model.ts';

const source = { record: 'funnel:x:ratio_rate30m', expr: sel('x'), ref: sel('funnel:x:ratio_rate30m') };

describe('baseline records', () => {
  const b = baselineOf(
    { ...source, ref: { t: 'record', name: source.record, def: sel('x') } },
    ['funnel'],
    '30m',
    '1w',
  );

  it('label the same time 1, 2 and 3 weeks ago by period, so the median can be taken across them', () => {
    expect(b.seasonal.record).toBe('funnel:x:ratio_rate30m_seasonal1w');
    expect(render(b.seasonal.expr)).toBe(
      'label_replace(funnel:x:ratio_rate30m offset 1w, "period", "1w", "", "") or label_replace(funnel:x:ratio_rate30m offset 2w, "period", "2w", "", "") or label_replace(funnel:x:ratio_rate30m offset 3w, "period", "3w", "", "")',
    );
  });

  it('fall back by themselves: 3 weeks, 2, 1, yesterday, then the trailing hour, each naming itself', () => {
    expect(b.tiers.map((t) => t.label)).toEqual([
      'median of the same time in the last 3 weeks',
      'mean of the same time in 2 of the last 3 weeks',
      'the same time in 1 of the last 3 weeks',
      'the same time yesterday',
      'the 1h before the last 30m (no earlier history)',
    ]);
    const text = render(b.baseline.expr);
    expect(text).toContain('quantile by (funnel) (0.5, funnel:x:ratio_rate30m_seasonal1w)');
    expect(text).toContain('count by (funnel) (funnel:x:ratio_rate30m_seasonal1w) == 3');
    expect(text).toContain('funnel:x:ratio_rate30m offset 1d');
    expect(text).toContain('avg_over_time(funnel:x:ratio_rate30m[1h] offset 30m)');
    // Each tier is taken only where the ones with more history have no sample for the same labels.
    expect(text.match(/ or on\(funnel\) /g)).toHaveLength(4);
  });
});

describe('volume guards', () => {
  const rules = buildModel(defaultConfig).alerting.rules;
  const expr = (name: string) => render(rules.find((r) => r.alert === name)!.expr);

  it('ask whether the baseline saw enough traffic, never whether there is traffic now', () => {
    expect(expr('RevenueBelowBaseline')).toContain(
      'and on(currency) (currency:business_order_value_minor_count:increase30m_baseline1w >= 150)',
    );
    expect(expr('RevenueBelowBaseline')).not.toMatch(/increase\(business_order_value_minor_count/);
  });

  it('count a ratio whose denominator fell to 0 as 0, so a collapse is a drop, not missing data', () => {
    expect(expr('ConversionRateDrop')).toContain(
      '(funnel:checkout_conversion:ratio_rate30m or on(funnel) (sum by (funnel) (rate(business_funnel_steps_total{funnel="checkout", step="cart_view"}[30m])) == 0)) < on(funnel)',
    );
  });
});
