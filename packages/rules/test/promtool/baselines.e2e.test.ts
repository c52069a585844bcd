import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/index.ts';
import { buildModel } from '../../src/model.ts';
import { expectedAnnotations } from '../../src/promtool/alert-scenarios.ts';
import { findTool } from '../../src/promtool.ts';
import { counter, type Pieces, runPromtoolCase } from './promtool-case.ts';

// The weekly tiers of the baseline under the real promtool, on the default config's generated rules.
// Hourly evaluation (weeks of history at one-minute steps would take minutes); the records sample the
// one-minute series, `offset 1w` lands on an evaluation, and `for` needs the incident's second hour.
const DAY = 1440;
const model = buildModel(defaultConfig);
const rule = (name: string) => model.alerting.rules.find((r) => r.alert === name)!;
const def = (name: string) => defaultConfig.alerts.find((a) => a.name === name)!;
const scrape = 'job="shop", instance="shop-1:9464"';
const SERIES = {
  orders: `business_funnel_steps_total{funnel="checkout", step="confirmed", ${scrape}}`,
  carts: `business_funnel_steps_total{funnel="checkout", step="cart_view", ${scrape}}`,
  revenue: `business_revenue_minor_total{currency="EUR", ${scrape}}`,
  orderCount: `business_order_value_minor_count{currency="EUR", ${scrape}}`,
};
const NORMAL = { orders: 500, carts: 1000, revenue: 1000, orderCount: 10 };
const INCIDENT = { orders: 175, revenue: 300 };

interface Week {
  /** Days of history before the evaluated day (the day evaluated is the last). */
  readonly days: number;
  /** One day, a week before the evaluated day, with other orders and revenue (a holiday, an outage). */
  readonly odd?: { orders: number; revenue: number };
  /** From two hours before the evaluation: orders and revenue fall to the incident's values. */
  readonly incident: boolean;
}

/** A case whose evaluation is at 14:00 of day `days`. */
function history(w: Week) {
  const evalAt = w.days * DAY + 14 * 60;
  const end = evalAt + 60;
  const odd = (key: 'orders' | 'revenue'): Pieces => {
    const normal = NORMAL[key];
    const pieces: [number, number][] = [];
    if (w.odd) pieces.push([(w.days - 7) * DAY, normal], [(w.days - 6) * DAY, w.odd[key]]);
    if (w.incident) pieces.push([evalAt - 120, normal], [end, INCIDENT[key]]);
    else pieces.push([end, normal]);
    return pieces;
  };
  return {
    evalAt,
    series: [
      { series: SERIES.orders, values: counter(odd('orders')) },
      { series: SERIES.carts, values: counter([[end, NORMAL.carts]]) },
      { series: SERIES.revenue, values: counter(odd('revenue')) },
      { series: SERIES.orderCount, values: counter([[end, NORMAL.orderCount]]) },
    ],
  };
}

/** Both drop alerts firing on the incident, each naming the tier it compared with. */
function firing(tier: string) {
  const conversion = { funnel: 'checkout' };
  const currency = { currency: 'EUR' };
  return [
    {
      alertname: 'ConversionRateDrop',
      exp_alerts: [
        {
          exp_labels: { ...conversion, ...rule('ConversionRateDrop').labels },
          exp_annotations: expectedAnnotations(
            rule('ConversionRateDrop'),
            def('ConversionRateDrop'),
            conversion,
            {
              value: INCIDENT.orders / NORMAL.carts,
              baseline: NORMAL.orders / NORMAL.carts,
              tier,
              perMinute: (role) => (role === 'num' ? INCIDENT.orders : NORMAL.carts),
            },
          ),
        },
      ],
    },
    {
      alertname: 'RevenueBelowBaseline',
      exp_alerts: [
        {
          exp_labels: { ...currency, ...rule('RevenueBelowBaseline').labels },
          exp_annotations: expectedAnnotations(
            rule('RevenueBelowBaseline'),
            def('RevenueBelowBaseline'),
            currency,
            {
              value: INCIDENT.revenue,
              baseline: NORMAL.revenue,
              tier,
              perMinute: () => undefined,
            },
          ),
        },
      ],
    },
  ];
}

function testCase(
  name: string,
  w: Week,
  alerts: { alertname: string; exp_alerts: object[] }[],
  exprs: object[] = [],
) {
  const h = history(w);
  return {
    name,
    interval: '1m',
    input_series: h.series,
    alert_rule_test: alerts.map((a) => ({ eval_time: `${h.evalAt}m`, ...a })),
    promql_expr_test: exprs.map((e) => ({ eval_time: `${h.evalAt}m`, ...e })),
  };
}

const silent = [
  { alertname: 'ConversionRateDrop', exp_alerts: [] },
  { alertname: 'RevenueBelowBaseline', exp_alerts: [] },
];

describe('baselines of past weeks, under the real promtool', () => {
  // Fail, never skip, when a real tool is missing: `pnpm test` installs them first (.ci/setup-tools.sh).
  it('finds the real promtool in .stack/bin or on the PATH', () => expect(findTool('promtool')).toBeTruthy());

  it('combine three weeks so one odd week neither pages nor blinds, and fall back to 2 weeks, 1, yesterday', async () => {
    const { ok, output } = await runPromtoolCase(defaultConfig, '1h', [
      testCase(
        'a busy holiday a week ago does not make a normal day page: the median of 3 weeks ignores it',
        { days: 21, odd: { orders: 800, revenue: 2500 }, incident: false },
        silent,
        [
          {
            expr: 'round(funnel:checkout_conversion:ratio_rate30m_baseline1w * 1000)',
            exp_samples: [
              {
                labels: '{baseline="median of the same time in the last 3 weeks", funnel="checkout"}',
                value: 500,
              },
            ],
          },
        ],
      ),
      testCase(
        'an outage a week ago does not blind the alerts to an incident today',
        { days: 21, odd: { orders: 100, revenue: 100 }, incident: true },
        firing('median of the same time in the last 3 weeks'),
      ),
      testCase(
        'with two weeks of history the alerts compare with their mean',
        { days: 14, incident: true },
        firing('mean of the same time in 2 of the last 3 weeks'),
      ),
      testCase(
        'with one week of history, with that week',
        { days: 7, incident: true },
        firing('the same time in 1 of the last 3 weeks'),
      ),
      testCase(
        'in the first week, with the same time yesterday',
        { days: 2, incident: true },
        firing('the same time yesterday'),
      ),
    ]);
    expect(output).toContain('SUCCESS');
    expect(ok, output).toBe(true);
  }, 180_000);
});
