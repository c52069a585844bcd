import { standardCatalog as std } from '@bizmetrics/core';
import { selfCatalog } from '@bizmetrics/core/catalog';
import { Counter, Histogram, Registry } from 'prom-client';
import type { Task } from '../measure/interleave.ts';
import { createBizSetup, createOtelSetup } from '../setup/providers.ts';
import { featureUses, funnelSteps, orders, POOL_MASK, sessionEnds } from '../workload/label-pools.ts';

/** Contender names, as the table shows them. */
export const BIZ = 'bizmetrics';
export const OTEL = 'raw OTel';
export const PROM = 'prom-client';

/** One business event and the three ways of recording it. */
export interface HotPathEvent {
  readonly name: string;
  readonly tasks: readonly Task[];
}

const bounds = (def: { readonly buckets?: readonly number[] }) => [...def.buckets!];
// The Prometheus names our exporters give these metrics (counters end in `_total`).
const promName = (name: string) => name.replaceAll('.', '_');

/**
 * The article's four events, each recorded by the business API, by raw sdk-metrics instruments
 * with the same attributes, and by prom-client with the same labels. Attribute objects for the
 * peers are built once, outside the timed loops; the business API gets the caller's objects.
 */
export function hotPathEvents(options: { readonly instruments?: boolean } = {}): HotPathEvent[] {
  const { biz } = createBizSetup([std, selfCatalog], options);
  const { meter } = createOtelSetup();
  const registry = new Registry();
  const otelCounter = (def: { name: string }) => meter.createCounter(def.name);
  const otelHistogram = (def: { name: string; buckets?: readonly number[] }) =>
    meter.createHistogram(def.name, { advice: { explicitBucketBoundaries: bounds(def) } });
  const promCounter = (def: { name: string; labelKeys: readonly string[] }) =>
    new Counter({
      name: `${promName(def.name)}_total`,
      help: def.name,
      labelNames: def.labelKeys,
      registers: [registry],
    });
  const promHistogram = (def: { name: string; labelKeys: readonly string[]; buckets?: readonly number[] }) =>
    new Histogram({
      name: promName(def.name),
      help: def.name,
      labelNames: def.labelKeys,
      buckets: bounds(def),
      registers: [registry],
    });

  const funnelOtel = otelCounter(std.funnelSteps);
  const funnelProm = promCounter(std.funnelSteps);
  const revenueOtel = otelCounter(std.revenue);
  const revenueProm = promCounter(std.revenue);
  const orderOtel = otelHistogram(std.orderValue);
  const orderProm = promHistogram(std.orderValue);
  const featureOtel = otelCounter(std.featureUsage);
  const featureProm = promCounter(std.featureUsage);
  const sessionOtel = otelHistogram(std.sessionDuration);
  const sessionProm = promHistogram(std.sessionDuration);

  const revenueAttrs = orders.map(({ amountMinor: _, ...labels }) => labels);
  const orderAttrs = orders.map((o) => ({ currency: o.currency, product_category: o.product_category }));
  const featureAttrs = featureUses.map((f) => ({ ...f, new_user: String(f.new_user) }));
  const sessionAttrs = sessionEnds.map((s) => ({ user_tier: s.user_tier, entry_page: s.entry_page }));

  const task = (name: string, body: (i: number) => void): Task => ({
    name,
    run(n) {
      for (let i = 0; i < n; i++) body(i & POOL_MASK);
    },
  });

  return [
    {
      name: 'funnel step (5 labels)',
      tasks: [
        task(BIZ, (i) => biz.funnelStep(funnelSteps[i]!)),
        task(OTEL, (i) => funnelOtel.add(1, funnelSteps[i]!)),
        task(PROM, (i) => funnelProm.inc(funnelSteps[i]!, 1)),
      ],
    },
    {
      name: 'revenue (4 labels) + order value histogram',
      tasks: [
        task(BIZ, (i) => biz.revenue(orders[i]!)),
        task(OTEL, (i) => {
          revenueOtel.add(orders[i]!.amountMinor, revenueAttrs[i]!);
          orderOtel.record(orders[i]!.amountMinor, orderAttrs[i]!);
        }),
        task(PROM, (i) => {
          revenueProm.inc(revenueAttrs[i]!, orders[i]!.amountMinor);
          orderProm.observe(orderAttrs[i]!, orders[i]!.amountMinor);
        }),
      ],
    },
    {
      name: 'feature usage (3 labels)',
      tasks: [
        task(BIZ, (i) => biz.featureUsed(featureUses[i]!)),
        task(OTEL, (i) => featureOtel.add(1, featureUses[i]!)),
        task(PROM, (i) => featureProm.inc(featureAttrs[i]!, 1)),
      ],
    },
    {
      name: 'session duration histogram (2 labels)',
      tasks: [
        task(BIZ, (i) => biz.sessionEnded(sessionEnds[i]!)),
        task(OTEL, (i) => sessionOtel.record(sessionEnds[i]!.durationSeconds, sessionAttrs[i]!)),
        task(PROM, (i) => sessionProm.observe(sessionAttrs[i]!, sessionEnds[i]!.durationSeconds)),
      ],
    },
  ];
}
