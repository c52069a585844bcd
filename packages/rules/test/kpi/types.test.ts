import { standardCatalog as c } from '@bizmetrics/core';
import { describe, expect, it } from 'vitest';
import { alert, quantile, rate, ratio, select } from '../../src/index.ts';

// These lines are checked by `pnpm typecheck`: each @ts-expect-error must stay an error.
describe('KPI definitions are typed by the catalog', () => {
  it('refuses a label the metric does not declare', () => {
    // @ts-expect-error `stage` is not a label of business.funnel.steps
    const s = select(c.funnelSteps, { stage: 'cart_view' });
    expect(s.metric).toBe(c.funnelSteps);
  });

  it('keeps only labels both sides of a ratio declare', () => {
    const k = ratio({
      name: 'x',
      description: 'x',
      numerator: select(c.funnelAbandonments),
      denominator: select(c.funnelSteps),
      // @ts-expect-error device_type is on funnel steps but not on abandonments
      by: ['device_type'],
    });
    expect(k.kind).toBe('ratio');
  });

  it('refuses a histogram where a counter rate is needed and a counter for a quantile', () => {
    // @ts-expect-error histograms have no single counter series
    rate({ name: 'x', description: 'x', value: select(c.orderValue) });
    // @ts-expect-error quantiles need a histogram
    quantile({ name: 'x', description: 'x', histogram: select(c.revenue), quantile: 0.5, unit: 'seconds' });
    expect(true).toBe(true);
  });

  it('refuses a traffic guard that lacks a label the KPI keeps', () => {
    const byCurrency = rate({ name: 'r', description: 'r', value: select(c.revenue), by: ['currency'] });
    const def = alert({
      name: 'X',
      kpi: byCurrency,
      window: '5m',
      condition: { op: '<', threshold: 1 },
      // @ts-expect-error sessions have no currency label, so `and on(currency)` could never match
      guard: { select: select(c.sessionsStarted), min: 1 },
      for: '5m',
      severity: 'page',
      team: 't',
      summary: 's',
      description: 'd',
      runbook: 'r',
    });
    expect(def.name).toBe('X');
  });
});
