import { promLabel } from '@bizmetrics/core';
import type { AlertDef } from '../kpi/alert.ts';
import { durationMinutes } from '../kpi/window.ts';
import { type AlertingRule, DEFAULT_PERIOD } from '../model/alert-rules.ts';
import { expandText } from '../model/alert-text.ts';
import { render } from '../model/promql.ts';
import { countSeries } from '../model/series.ts';
import { seriesLabels } from './fixtures.ts';
import { kpiValues } from './kpi-values.ts';
import { counterValues, type Segment } from './series-values.ts';

/** One promtool test case: input series, an evaluation time and the alerts expected then. */
export interface Scenario {
  readonly name: string;
  readonly series: readonly { readonly series: string; readonly values: string }[];
  readonly evalMinute: number;
  readonly alertname: string;
  readonly expected: readonly {
    exp_labels: Record<string, string>;
    exp_annotations: Record<string, string>;
  }[];
}

/** Counter increments per minute of one input series, before and after the incident starts. */
interface Plan {
  readonly series: string;
  readonly before: number;
  readonly after: number;
}

const DENOMINATOR_PER_MINUTE = 1000;
/**
 * promtool evaluates every rule at every step from 0 to the evaluation time, and `offset 1w` needs a
 * week of history: at 1m steps one case takes minutes, at 10m seconds. `for` and windows stay exact.
 */
export const TEST_EVAL_MINUTES = 10;
const onGrid = (m: number) => Math.ceil(m / TEST_EVAL_MINUTES) * TEST_EVAL_MINUTES;

/** Three cases per alert: fires on the incident, silent on normal traffic, silent on low traffic. */
export function alertScenarios(rule: AlertingRule, def: AlertDef): Scenario[] {
  const w = durationMinutes(def.window);
  const forM = durationMinutes(def.for);
  const c = def.condition;
  // Every alert reads a baseline (the guard's volume, the annotation): give it one week of history.
  const history = Math.max(
    durationMinutes('offset' in c ? c.offset : DEFAULT_PERIOD),
    'averageOver' in c ? durationMinutes(c.averageOver) : 0,
  );
  const evalMinute = onGrid(history + w + forM + 60);
  // The incident covers the whole rate window for the whole `for`, plus two evaluation steps.
  const start = evalMinute - onGrid(forM) - w - 2 * TEST_EVAL_MINUTES;
  const values = kpiValues(def.kpi, c);
  const by = def.kpi.by;

  const plans = new Map<string, Plan>();
  const add = (sel: Parameters<typeof countSeries>[0], before: number, after: number) => {
    const e = countSeries(sel);
    if (e.t !== 'selector') throw new Error('unreachable');
    const name = render({ ...e, match: seriesLabels(sel.metric, sel.where, by) });
    if (!plans.has(name)) plans.set(name, { series: name, before, after });
  };
  let kpiLabels: Record<string, string> = {};
  const labelsOf = (sel: Parameters<typeof countSeries>[0]) => {
    const all = seriesLabels(sel.metric, sel.where, by);
    kpiLabels = Object.fromEntries(by.map((k) => [promLabel(k), all[promLabel(k)]!]));
  };
  if (def.kpi.kind === 'ratio') {
    const num = (v: number) => Math.round(v * DENOMINATOR_PER_MINUTE);
    add(def.kpi.numerator, num(values.normal), num(values.incident));
    add(def.kpi.denominator, DENOMINATOR_PER_MINUTE, DENOMINATOR_PER_MINUTE);
    labelsOf(def.kpi.numerator);
  } else {
    const perMinute = (v: number) => (def.kpi.kind === 'rate' && def.kpi.per === 'second' ? v * 60 : v);
    add(def.kpi.value, perMinute(values.normal), perMinute(values.incident));
    if (def.kpi.minus) add(def.kpi.minus, 0, 0);
    labelsOf(def.kpi.value);
  }
  const guardPerMinute = def.guard ? Math.ceil((4 * def.guard.min) / w) : 0;
  if (def.guard) add(def.guard.select, guardPerMinute, guardPerMinute);
  const guardPlan = def.guard ? plans.get(guardName(def, by)) : undefined;
  // A quiet baseline: every series scaled so the guard's window held a quarter of its minimum.
  const scale = def.guard && guardPlan ? def.guard.min / 4 / (guardPlan.before * w) : 1;

  const incidentValue =
    def.kpi.kind === 'ratio'
      ? Math.round(values.incident * DENOMINATOR_PER_MINUTE) / DENOMINATOR_PER_MINUTE
      : values.incident;
  const labels = { ...kpiLabels, ...rule.labels };
  const annotations = (value: number) => ({
    ...rule.annotations,
    summary: expandText(def.summary, def.kpi.unit, value, kpiLabels),
    description: expandText(def.description, def.kpi.unit, value, kpiLabels),
    baseline: ONE_WEEK_TIER,
  });
  const build = (
    name: string,
    before: (p: Plan) => number,
    after: (p: Plan) => number,
    firesWith?: number,
  ): Scenario => ({
    name: `${def.name} ${name}`,
    series: [...plans.values()].map((p) => ({
      series: p.series,
      // Data runs two steps past the evaluation time: promtool's check at the very last step of a
      // test is unreliable (seen with 2.53), so the checked step is never the last one.
      values: counterValues(segments(start, evalMinute + 2 * TEST_EVAL_MINUTES, before(p), after(p))),
    })),
    evalMinute,
    alertname: def.name,
    expected:
      firesWith === undefined ? [] : [{ exp_labels: labels, exp_annotations: annotations(firesWith) }],
  });
  const out = [
    build(
      'fires on an incident',
      (p) => p.before,
      (p) => p.after,
      incidentValue,
    ),
    build(
      'stays silent on normal traffic',
      (p) => p.before,
      (p) => p.before,
    ),
  ];
  if (def.guard)
    out.push(
      build(
        'stays silent where the baseline was too quiet to judge',
        (p) => p.before * scale,
        (p) => p.after * scale,
      ),
    );
  // Everything stops while the service stays up (counters flat): the deepest drop of all.
  if (c.op === '<')
    out.push(
      build(
        'fires when traffic collapses to zero after a busy baseline',
        (p) => p.before,
        () => 0,
        0,
      ),
    );
  return out;
}

/** The baseline annotation with one week of history. */
const ONE_WEEK_TIER = 'the same time in 1 of the last 3 weeks';

function guardName(def: AlertDef, by: readonly string[]): string {
  const sel = def.guard!.select;
  const e = countSeries(sel);
  if (e.t !== 'selector') throw new Error('unreachable');
  return render({ ...e, match: seriesLabels(sel.metric, sel.where, by) });
}

function segments(start: number, end: number, before: number, after: number): Segment[] {
  return [
    { minutes: start, perMinute: before },
    { minutes: end - start, perMinute: after },
  ];
}
