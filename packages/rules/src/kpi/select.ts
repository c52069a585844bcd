import type { MetricDef } from '@bizmetrics/core';
import type { LabelKeys } from '@bizmetrics/core/catalog';

/** Exact-match label filters on one metric: only its declared label keys type-check. */
export type Where<M extends MetricDef> = { readonly [P in LabelKeys<M>]?: string };

/** A metric from the catalog narrowed by label values: the input of every KPI. */
export interface Select<M extends MetricDef = MetricDef> {
  readonly metric: M;
  readonly where: Where<M>;
}

/** Selects a catalog metric, optionally filtered by label values (`select(m, { step: 'cart_view' })`). */
export function select<M extends MetricDef>(metric: M, where: Where<M> = {}): Select<M> {
  return { metric, where };
}
