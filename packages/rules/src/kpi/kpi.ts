import type { CounterDef, MetricDef } from '@bizmetrics/core';
import type { HistogramDef, LabelKeys } from '@bizmetrics/core/catalog';
import type { Select } from './select.ts';
import type { Duration } from './window.ts';

/** How a KPI's value reads to people: decides humanize functions, dashboard units and docs. */
export type KpiUnit = 'ratio' | 'per_minute' | 'per_second' | 'minor_units' | 'seconds';

interface KpiBase<K extends string, B extends string> {
  readonly kind: K;
  /** snake_case name: the middle part of the recording rule name `level:name:operations`. */
  readonly name: string;
  readonly description: string;
  /** Labels kept by `sum by (...)`; every other label (job, instance, otel_scope_name) is summed away. */
  readonly by: readonly B[];
  /** Rate windows recorded for this KPI; alerts pick one. */
  readonly windows: readonly Duration[];
  readonly unit: KpiUnit;
}

/** numerator / denominator of two counter rates, guarded so a zero denominator yields no sample, not NaN. */
export interface RatioKpi<B extends string = string> extends KpiBase<'ratio', B> {
  readonly numerator: Select<CounterDef>;
  readonly denominator: Select<CounterDef>;
}

/** A counter rate, optionally net of another counter with the same labels (revenue minus refunds). */
export interface RateKpi<B extends string = string> extends KpiBase<'rate', B> {
  readonly value: Select<CounterDef>;
  readonly minus?: Select<CounterDef>;
  readonly per: 'second' | 'minute';
}

/** A quantile of a histogram over a window (`histogram_quantile`). */
export interface QuantileKpi<B extends string = string> extends KpiBase<'quantile', B> {
  readonly histogram: Select<HistogramDef>;
  readonly quantile: number;
}

/** Each `by` group's share of the whole selection (feature adoption: uses of one feature / all uses). */
export interface ShareKpi<B extends string = string> extends KpiBase<'share', B> {
  readonly part: Select<CounterDef>;
}

/** A recorded KPI now divided by the same KPI `offset` ago (week over week). */
export interface ComparisonKpi<B extends string = string> extends KpiBase<'comparison', B> {
  readonly of: RatioKpi<B> | RateKpi<B>;
  readonly window: Duration;
  readonly offset: Duration;
}

/** Every kind of KPI. */
export type Kpi = RatioKpi | RateKpi | QuantileKpi | ShareKpi | ComparisonKpi;
/** KPIs an alert can watch. */
export type AlertableKpi<B extends string = string> = RatioKpi<B> | RateKpi<B>;

type Common = Pick<KpiBase<string, string>, 'name' | 'description'> & {
  readonly windows?: readonly Duration[];
};

/** Defines a ratio KPI; `by` may only name labels both metrics declare. */
export function ratio<
  N extends CounterDef,
  D extends CounterDef,
  B extends LabelKeys<N> & LabelKeys<D> = never,
>(def: Common & { numerator: Select<N>; denominator: Select<D>; by?: readonly B[] }): RatioKpi<B> {
  return { kind: 'ratio', unit: 'ratio', by: [], windows: ['5m'], ...def };
}

/** Defines a rate KPI; `minus` must declare every `by` label too. */
export function rate<V extends CounterDef, B extends LabelKeys<V> = never, M extends CounterDef = V>(
  def: Common & {
    value: Select<V>;
    minus?: Select<M>;
    by?: readonly (B & LabelKeys<M>)[];
    per?: 'second' | 'minute';
  },
): RateKpi<B> {
  const per = def.per ?? 'second';
  return {
    kind: 'rate',
    unit: per === 'minute' ? 'per_minute' : 'per_second',
    by: [],
    windows: ['5m'],
    per,
    ...def,
  };
}

/** Defines a quantile KPI over a histogram. */
export function quantile<H extends HistogramDef, B extends LabelKeys<H> = never>(
  def: Common & {
    histogram: Select<H>;
    quantile: number;
    by?: readonly B[];
    unit: 'minor_units' | 'seconds';
  },
): QuantileKpi<B> {
  return { kind: 'quantile', by: [], windows: ['5m'], ...def };
}

/** Defines a share KPI: each `by` group's part of the selection's total. */
export function share<P extends CounterDef, B extends LabelKeys<P>>(
  def: Common & { part: Select<P>; by: readonly B[] },
): ShareKpi<B> {
  return { kind: 'share', unit: 'ratio', windows: ['5m'], ...def };
}

/** Defines a comparison KPI: `of` at `window` now divided by the same `offset` ago. */
export function comparison<B extends string>(
  def: Pick<KpiBase<string, string>, 'name' | 'description'> & {
    of: RatioKpi<B> | RateKpi<B>;
    window: Duration;
    offset: Duration;
  },
): ComparisonKpi<B> {
  return { kind: 'comparison', unit: 'ratio', by: def.of.by, windows: [def.window], ...def };
}

/** The metric definitions a KPI reads. */
export function kpiInputs(kpi: Kpi): readonly Select<MetricDef>[] {
  switch (kpi.kind) {
    case 'ratio':
      return [kpi.numerator, kpi.denominator];
    case 'rate':
      return kpi.minus ? [kpi.value, kpi.minus] : [kpi.value];
    case 'quantile':
      return [kpi.histogram];
    case 'share':
      return [kpi.part];
    case 'comparison':
      return kpiInputs(kpi.of);
  }
}
