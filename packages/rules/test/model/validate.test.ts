import { standardCatalog as c } from '@bizmetrics/core';
import { describe, expect, it } from 'vitest';
import { alert, defineConfig, type RulesConfig, ratio, select } from '../../src/index.ts';
import { buildModel } from '../../src/model.ts';

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

describe('baselines that cannot work are refused with the KPI and the field', () => {
  it('refuses a guard of 0', () => {
    expect(() => buildModel({ ...base, alerts: [anAlert({ guard: { select: views, min: 0 } })] })).toThrow(
      'alert "ConvDrop" on KPI "conv": guard.min must be a number above 0',
    );
  });

  it('refuses a window longer than the history the condition declares', () => {
    const conv1d = { ...conv, windows: ['2d'] } as typeof conv;
    expect(() =>
      buildModel({
        ...base,
        kpis: [conv1d],
        alerts: [anAlert({ kpi: conv1d, window: '2d', condition: { op: '<', factor: 0.5, offset: '1d' } })],
      }),
    ).toThrow('alert "ConvDrop" on KPI "conv": window 2d is not shorter than condition.offset 1d');
    expect(() =>
      buildModel({
        ...base,
        alerts: [anAlert({ condition: { op: '>', factor: 2, averageOver: '5m' } })],
      }),
    ).toThrow('window 5m is not shorter than condition.averageOver 5m');
  });

  it('refuses a factor that can never trip the alert', () => {
    expect(() =>
      buildModel({ ...base, alerts: [anAlert({ condition: { op: '<', factor: 1.5, offset: '1w' } })] }),
    ).toThrow("condition.factor 1.5 can never trip a '<' alert");
  });
});
