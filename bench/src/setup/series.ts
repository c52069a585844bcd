import { type CounterDef, defineMetric } from '@bizmetrics/core';
import type { Counter as OtelCounter } from '@opentelemetry/api';
import { Counter, Registry } from 'prom-client';
import { type BizSetup, createBizSetup, createOtelSetup, type OtelSetup } from './providers.ts';

const NAME = 'bench.orders';
const LABELS = ['region', 'product', 'variant'] as const;

/** A catalog counter whose series limit admits `count` label sets. */
export function seriesMetric(count: number): CounterDef<(typeof LABELS)[number]> {
  return defineMetric({
    kind: 'counter',
    name: NAME,
    unit: '{order}',
    description: 'Orders, one series per label set (benchmark).',
    owner: 'bench',
    labels: { region: {}, product: {}, variant: {} },
    seriesLimit: count,
  });
}

/** The i-th distinct label set: three labels, as short as real ones. */
export function labelSet(i: number) {
  return {
    region: `r${i % 10}`,
    product: `p${Math.floor(i / 10) % 100}`,
    variant: `v${Math.floor(i / 1000)}`,
  };
}

/** `count` series held by the business API on sdk-metrics. */
export function bizWithSeries(count: number): BizSetup {
  const def = seriesMetric(count);
  const setup = createBizSetup([{ def }]);
  const counter = setup.biz.counter(def);
  for (let i = 0; i < count; i++) counter.add((i % 7) + 1, labelSet(i));
  return setup;
}

/** `count` series held by raw sdk-metrics, its cardinality limit raised to fit them. */
export function otelWithSeries(count: number): OtelSetup & { counter: OtelCounter } {
  const setup = createOtelSetup({ [NAME]: count + 10 });
  const counter = setup.meter.createCounter(NAME, { unit: '{order}' });
  for (let i = 0; i < count; i++) counter.add((i % 7) + 1, labelSet(i));
  return { ...setup, counter };
}

/** `count` series held by prom-client in its own registry. */
export function promWithSeries(count: number): Registry {
  const registry = new Registry();
  const counter = new Counter({
    name: `${NAME.replaceAll('.', '_')}_total`,
    help: 'Orders',
    labelNames: LABELS,
    registers: [registry],
  });
  for (let i = 0; i < count; i++) counter.inc(labelSet(i), (i % 7) + 1);
  return registry;
}
