import { describe, expect, it } from 'vitest';
import { FORBIDDEN_LABEL_KEYS } from '../src/catalog.ts';
import { defineMetric, MetricDefinitionError } from '../src/index.ts';

const counter = (overrides: Record<string, unknown>) =>
  defineMetric({
    kind: 'counter',
    name: 'shop.widgets.sold',
    unit: '{widget}',
    description: 'Widgets sold.',
    owner: 'shop',
    labels: { color: { values: ['red', 'blue'] } },
    ...overrides,
  } as never);

describe('defineMetric', () => {
  it('returns a frozen definition with defaults filled in', () => {
    const def = counter({});
    expect(def.seriesLimit).toBe(1000);
    expect(def.labelKeys).toEqual(['color']);
    expect(def.value).toBe('count');
    expect(Object.isFrozen(def)).toBe(true);
  });

  it.each(FORBIDDEN_LABEL_KEYS)('refuses the person/session label key %s', (key) => {
    expect(() => counter({ labels: { [key]: {} } })).toThrow(/identifies a person or session/);
  });

  it('refuses names that are not dot-separated lower case', () => {
    expect(() => counter({ name: 'Shop-Widgets' })).toThrow(MetricDefinitionError);
  });

  it('refuses a counter whose unit is not in curly braces, naming the metric', () => {
    expect(() => counter({ unit: 'USD' })).toThrow(
      /metric "shop.widgets.sold": counters take a curly-brace unit/,
    );
  });

  it('refuses a histogram without buckets or with unsorted buckets', () => {
    const base = {
      kind: 'histogram',
      name: 'shop.wait.seconds',
      unit: 's',
      description: 'd',
      owner: 'o',
      labels: {},
    };
    expect(() => defineMetric({ ...base } as never)).toThrow(/bucket boundaries/);
    expect(() => defineMetric({ ...base, buckets: [1, 1] } as never)).toThrow(/increase strictly/);
  });

  it('requires the unit word as the last part of the name for real units', () => {
    const base = { kind: 'histogram', unit: 's', description: 'd', owner: 'o', labels: {}, buckets: [1] };
    expect(() => defineMetric({ ...base, name: 'shop.wait' } as never)).toThrow(/must end in "\.seconds"/);
    expect(defineMetric({ ...base, name: 'shop.wait.seconds' } as never).name).toBe('shop.wait.seconds');
  });

  it('refuses unit "1" on a gauge, which translators turn into _ratio', () => {
    expect(() =>
      defineMetric({ kind: 'gauge', name: 'shop.load', unit: '1', description: 'd', owner: 'o', labels: {} }),
    ).toThrow(/_ratio/);
  });

  it('refuses label keys that are not snake_case or are reserved', () => {
    expect(() => counter({ labels: { 'Device-Type': {} } })).toThrow(/snake_case/);
    expect(() => counter({ labels: { otel_scope_name: {} } })).toThrow(/reserved/);
  });
});
