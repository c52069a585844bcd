import { standardCatalog as c } from '@bizmetrics/core';
import { describe, expect, it } from 'vitest';
import { alert, buildModel, defineConfig, type RulesConfig, ratio, select } from '../../src/index.ts';

const views = select(c.funnelSteps, { step: 'cart_view' });
const conv = ratio({
  name: 'conv',
  description: 'x',
  numerator: select(c.funnelSteps, { step: 'confirmed' }),
  denominator: views,
});
const links = { runbookBase: 'https://r', dashboard: 'https://d' };
const base: RulesConfig = defineConfig({ name: 'shop', kpis: [conv], alerts: [], links });
const anAlert = (over: Partial<Parameters<typeof alert>[0]> = {}) =>
  alert({
    name: 'ConvDrop',
    kpi: conv,
    window: '5m',
    condition: { op: '<', threshold: 0.1 },
    for: '5m',
    severity: 'page',
    team: 't',
    summary: 's',
    description: 'd',
    runbook: 'r',
    ...over,
  });

describe('config checks the types cannot make', () => {
  it('names the KPI and its recorded windows when an alert picks another window', () => {
    expect(() => buildModel({ ...base, alerts: [anAlert({ window: '1h' })] })).toThrow(
      'alert "ConvDrop": KPI "conv" records 5m, not 1h',
    );
  });

  it('refuses an alert on a KPI that is not listed', () => {
    expect(() => buildModel({ ...base, kpis: [], alerts: [anAlert()] })).toThrow('which is not in kpis');
  });

  it('refuses names that would make invalid or colliding rule names', () => {
    expect(() => buildModel({ ...base, name: 'Shop Rules' })).toThrow('must be snake_case');
    expect(() => buildModel({ ...base, kpis: [conv, { ...conv }] })).toThrow('two KPIs are named "conv"');
    expect(() => buildModel({ ...base, alerts: [anAlert({ name: 'conv_drop' })] })).toThrow(
      'must be PascalCase',
    );
  });

  it('refuses a duration Prometheus would not parse', () => {
    expect(() => buildModel({ ...base, alerts: [anAlert({ for: '5 minutes' as never })] })).toThrow(
      'is not a duration',
    );
  });
});
