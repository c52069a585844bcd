import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/index.ts';
import { currenciesByExponent } from '../../src/model/cost-rules.ts';
import { render } from '../../src/model/promql.ts';
import { buildModel } from '../../src/model.ts';

const model = buildModel(defaultConfig);
const record = (name: string) => model.support.rules.find((r) => r.record === name)!;
const alert = (name: string) => model.alerting.rules.find((r) => r.alert === name)!;

describe('what an alert costs per minute', () => {
  it('records revenue below its baseline per currency, in minor units per minute', () => {
    expect(render(record('currency:revenue_minor:shortfall_rate30m_per_minute').expr)).toBe(
      'currency:revenue_minor:rate30m_per_minute_baseline1w - on(currency) currency:revenue_minor:rate30m_per_minute',
    );
  });

  it('records the orders a conversion drop loses: the usual ratio on today’s cart views minus the orders', () => {
    expect(render(record('funnel:checkout_conversion:shortfall_rate30m_per_minute').expr)).toBe(
      '(funnel:checkout_conversion:ratio_rate30m_baseline1w * on(funnel) (sum by (funnel) (rate(business_funnel_steps_total{funnel="checkout", step="cart_view"}[30m])) * 60)) - on(funnel) (sum by (funnel) (rate(business_funnel_steps_total{funnel="checkout", step="confirmed"}[30m])) * 60)',
    );
  });

  it('records the excess of a rise alert', () => {
    expect(record('funnel:cart_abandonment:excess_rate30m_per_minute')).toBeDefined();
  });

  it('quotes money in the currency’s major unit, from the ISO 4217 exponents of the core catalog', () => {
    const impact = alert('RevenueBelowBaseline').annotations['impact']!;
    expect(impact).toContain('{{ $divisor := "100" }}');
    expect(impact).toMatch(
      /match "\^\([A-Z|]*JPY[A-Z|]*\)\$" \$labels\.currency \}\}\{\{ \$divisor = "1" \}\}/,
    );
    expect(impact).toContain('currency:revenue_minor:shortfall_rate30m_per_minute{currency=%q} / %s');
    expect(impact).toContain('{{ $labels.currency }} per minute below the usual');
    expect(currenciesByExponent().get(3)).toContain('KWD');
    expect(currenciesByExponent().has(2)).toBe(false);
  });

  it('names the usual value and the tier of history it came from', () => {
    expect(alert('ConversionRateDrop').annotations['baseline']).toContain(
      '{{ . | value | humanizePercentage }} ({{ . | label "baseline" }})',
    );
  });
});
