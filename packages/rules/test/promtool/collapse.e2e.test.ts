import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/index.ts';
import { buildModel } from '../../src/model.ts';
import { expectedAnnotations } from '../../src/promtool/alert-scenarios.ts';
import { findTool } from '../../src/promtool.ts';
import { counter, type Pieces, runPromtoolCase } from './promtool-case.ts';

// A week of normal traffic with a day and a night, then everything stops while the service stays
// up (counters flat: a bad deploy serving blank pages). Five-minute evaluation over eight days on
// the default config's generated rules; the one-minute timing of each alert has its own tests.
const HOUR = 60;
const DAY = 24 * HOUR;
const COLLAPSE = 7 * DAY + 20 * HOUR;
const END = COLLAPSE + 15;
const scrape = 'job="shop", instance="shop-1:9464"';

/** Cart views per minute in each hour of the day: quiet nights (3% of the peak), an evening peak at 20:00. */
const CARTS = Array.from({ length: 24 }, (_, h) => {
  const phase = h >= 4 && h < 20 ? (h - 4) / 16 : 1 - ((h + 24 - 20) % 24) / 8;
  return Math.round(40 * (0.03 + 0.97 * ((1 - Math.cos(Math.PI * phase)) / 2) ** 1.5) * 100) / 100;
});

/** A counter following the day's shape times `share` of cart views, flat from `stopsAt`. */
function daily(share: number, stopsAt: number | undefined): string {
  const pieces: [number, number][] = [];
  for (let m = HOUR; m <= END + HOUR; m += HOUR) {
    const perMinute = Math.round(CARTS[(m / HOUR - 1) % 24]! * share * 1e4) / 1e4;
    if (stopsAt !== undefined && m > stopsAt) {
      pieces.push([stopsAt, perMinute], [END + 5, 0]);
      break;
    }
    pieces.push([m, perMinute]);
  }
  return counter(pieces as Pieces);
}

const STEPS = { cart_view: 1, shipping: 0.7, payment: 0.595, review: 0.5355, confirmed: 0.48195 };
const ORDER_MINOR = 5000;
const SPLIT = [
  { region: 'eu', currency: 'EUR', method: 'card', share: 0.6 * 0.7 },
  { region: 'eu', currency: 'EUR', method: 'paypal', share: 0.6 * 0.3 },
  { region: 'us', currency: 'USD', method: 'card', share: 0.4 * 0.7 },
  { region: 'us', currency: 'USD', method: 'paypal', share: 0.4 * 0.3 },
];

/** Every selection the default alerts read, as a shop would export them. */
function shop(stopsAt?: number) {
  const s = (series: string, share: number) => ({ series, values: daily(share, stopsAt) });
  return [
    s(`business_sessions_started_total{user_tier="free", ${scrape}}`, 3),
    s(`business_feature_usage_total{feature="search", new_user="true", user_tier="free", ${scrape}}`, 0.48),
    ...Object.entries(STEPS).map(([step, share]) =>
      s(`business_funnel_steps_total{funnel="checkout", step="${step}", ${scrape}}`, share),
    ),
    s(
      `business_funnel_abandonments_total{funnel="checkout", step="cart_view", ${scrape}}`,
      1 - STEPS.confirmed,
    ),
    ...SPLIT.map((x) =>
      s(
        `business_revenue_minor_total{region="${x.region}", currency="${x.currency}", payment_method="${x.method}", ${scrape}}`,
        STEPS.confirmed * x.share * ORDER_MINOR,
      ),
    ),
    ...['EUR', 'USD'].map((currency) =>
      s(
        `business_order_value_minor_count{currency="${currency}", ${scrape}}`,
        STEPS.confirmed * (currency === 'EUR' ? 0.6 : 0.4),
      ),
    ),
  ];
}

const PAGES = 'ALERTS{alertstate="firing", severity="page"}';
const model = buildModel(defaultConfig);
const sessions = model.alerting.rules.find((r) => r.alert === 'SessionsCollapse')!;

describe('a week of normal traffic, then a total collapse, under the real promtool', () => {
  // Fail, never skip, when a real tool is missing: `pnpm test` installs them first (.ci/setup-tools.sh).
  it('finds the real promtool in .stack/bin or on the PATH', () => expect(findTool('promtool')).toBeTruthy());

  it('pages within 10 minutes of the collapse, and the same week without it pages no one', async () => {
    const usual = CARTS[20]! * 3;
    const { ok, output } = await runPromtoolCase(defaultConfig, '5m', [
      {
        name: 'total collapse at 20:00 on day 8: no page all week, none 5 minutes in, the collapse pages at 10',
        interval: '1m',
        input_series: shop(COLLAPSE),
        promql_expr_test: [
          { expr: `count_over_time(${PAGES}[8d])`, eval_time: `${COLLAPSE}m`, exp_samples: [] },
          { expr: PAGES, eval_time: `${COLLAPSE + 5}m`, exp_samples: [] },
          {
            expr: `count by (alertname) (${PAGES})`,
            eval_time: `${COLLAPSE + 10}m`,
            exp_samples: [
              { labels: '{alertname="CheckoutStepCollapse"}', value: 5 },
              { labels: '{alertname="PaymentMethodRevenueCollapse"}', value: 4 },
              { labels: '{alertname="PaymentStepConversionDrop"}', value: 1 },
              { labels: '{alertname="RegionRevenueCollapse"}', value: 2 },
              { labels: '{alertname="RevenueCollapse"}', value: 2 },
              { labels: '{alertname="SessionsCollapse"}', value: 1 },
            ],
          },
        ],
        alert_rule_test: [
          {
            eval_time: `${COLLAPSE + 10}m`,
            alertname: 'SessionsCollapse',
            exp_alerts: [
              {
                exp_labels: { ...sessions.labels },
                exp_annotations: expectedAnnotations(
                  sessions,
                  defaultConfig.alerts.find((a) => a.name === 'SessionsCollapse')!,
                  {},
                  {
                    value: 0,
                    baseline: usual,
                    tier: 'the same time in 1 of the last 3 weeks',
                    perMinute: () => undefined,
                  },
                ),
              },
            ],
          },
        ],
      },
      {
        name: 'the same week without the collapse: no page at any time',
        interval: '1m',
        input_series: shop(),
        promql_expr_test: [
          { expr: `count_over_time(${PAGES}[8d])`, eval_time: `${COLLAPSE + 10}m`, exp_samples: [] },
        ],
      },
    ]);
    expect(output).toContain('SUCCESS');
    expect(ok, output).toBe(true);
  }, 300_000);
});
