import { describe, expect, it } from 'vitest';
import {
  agg,
  bin,
  call,
  inline,
  num,
  offset,
  ranged,
  render,
  sel,
  sumBy,
  withLabel,
} from '../../src/model/promql.ts';

const rateSum = sumBy(['funnel'], call('rate', ranged(sel('steps_total', { step: 'cart_view' }), '5m')));

describe('promql tree', () => {
  it('renders sum by, vector matching and parenthesised operands', () => {
    const e = bin('and', bin('<', rateSum, num(1)), rateSum, { on: ['funnel'] });
    expect(render(e)).toBe(
      '(sum by (funnel) (rate(steps_total{step="cart_view"}[5m])) < 1) and on(funnel) sum by (funnel) (rate(steps_total{step="cart_view"}[5m]))',
    );
  });

  it('pushes an offset down to every selector', () => {
    expect(render(offset(rateSum, '1w'))).toBe(
      'sum by (funnel) (rate(steps_total{step="cart_view"}[5m] offset 1w))',
    );
  });

  it('inlines a recorded series with its offset, so history can be queried without recording rules', () => {
    const rec = { t: 'record', name: 'funnel:x:rate5m', def: rateSum } as const;
    expect(render(offset(rec, '1w'))).toBe('funnel:x:rate5m offset 1w');
    expect(render(inline(offset(rec, '1w')))).toBe(render(offset(rateSum, '1w')));
  });

  it('turns a range over a recorded series into a subquery when inlined', () => {
    const rec = {
      t: 'record',
      name: 'all:x:rate5m',
      def: sumBy([], call('rate', ranged(sel('a_total'), '5m'))),
    } as const;
    expect(render(inline(call('avg_over_time', ranged(rec, '7d'))))).toBe(
      'avg_over_time((sum(rate(a_total[5m])))[7d:1m])',
    );
  });

  it('renders parameterised aggregations, string arguments and chains of `or` without nesting', () => {
    const a = sel('a');
    expect(render(agg('quantile', ['x'], a, num(0.5)))).toBe('quantile by (x) (0.5, a)');
    expect(render(withLabel(a, 'tier', 'say "hi"'))).toBe('label_replace(a, "tier", "say \\"hi\\"", "", "")');
    expect(render(bin('or', bin('or', a, sel('b'), { on: ['x'] }), sel('c'), { on: ['x'] }))).toBe(
      'a or on(x) b or on(x) c',
    );
  });

  it('escapes quotes in label values', () => {
    expect(render(sel('m', { k: 'a"b' }))).toBe('m{k="a\\"b"}');
  });
});
