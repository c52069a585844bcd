import type { CounterDef } from '@bizmetrics/core';
import type { HistogramDef, LabelKeys } from '@bizmetrics/core/catalog';
import type { AlertableKpi } from './kpi.ts';
import type { Select } from './select.ts';
import type { Duration } from './window.ts';

/** A fixed threshold (the article's style). */
export interface ThresholdCondition {
  readonly op: '<' | '>';
  readonly threshold: number;
}

/**
 * Compared with the KPI's baseline at the same time of past periods (`offset: '1w'`): the median of
 * 1, 2 and 3 periods ago, so seasonality cancels out and one bad period in the history neither pages
 * nor blinds; with less history the rules fall back by themselves (see the README).
 */
export interface SeasonalCondition {
  readonly op: '<' | '>';
  readonly factor: number;
  readonly offset: Duration;
}

/** Compared with the KPI's average over a long range (the article's `avg_over_time(...[7d])` style). */
export interface AverageCondition {
  readonly op: '<' | '>';
  readonly factor: number;
  readonly averageOver: Duration;
}

/** When an alert's KPI is out of line. */
export type AlertCondition = ThresholdCondition | SeasonalCondition | AverageCondition;

/**
 * Minimum traffic in the baseline: the alert only judges where the baseline saw at least `min`
 * events of `select` in the alert window at this time (histograms count observations). A quiet hour
 * that is quiet every week does not page; a fall from a busy baseline to nothing does.
 */
export interface TrafficGuard {
  readonly select: Select<CounterDef | HistogramDef>;
  readonly min: number;
}

/**
 * Text with placeholders: `{value}` becomes the humanized alert value, `{label:NAME}` a label value.
 * Rendered once into Go templates for Prometheus and once into the exact strings promtool expects.
 */
export type AlertText = string;

/** An alert on one recorded KPI window. */
export interface AlertDef<B extends string = string> {
  /** PascalCase alert name. */
  readonly name: string;
  readonly kpi: AlertableKpi<B>;
  readonly window: Duration;
  readonly condition: AlertCondition;
  readonly guard?: TrafficGuard;
  readonly for: Duration;
  readonly severity: 'page' | 'ticket' | 'info';
  readonly team: string;
  readonly summary: AlertText;
  readonly description: AlertText;
  /** Runbook anchor appended to the config's runbook base URL. */
  readonly runbook: string;
}

/** Defines an alert; the guard must declare every label the KPI keeps, so `and on(...)` can match. */
export function alert<B extends string, G extends CounterDef | HistogramDef>(
  def: Omit<AlertDef<B>, 'guard'> & {
    guard?: { select: Select<G>; min: number } & ([B] extends [LabelKeys<G>]
      ? unknown
      : { guardLacksKpiLabel: Exclude<B, LabelKeys<G>> });
  },
): AlertDef<B> {
  return def as AlertDef<B>;
}
