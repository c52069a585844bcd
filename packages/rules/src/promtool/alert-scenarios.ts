import type { CounterDef } from '@bizmetrics/core';
import { currencyExponent, type HistogramDef } from '@bizmetrics/core/catalog';
import { promLabel } from '@bizmetrics/core/prometheus';
import type { AlertDef } from '../kpi/alert.ts';
import type { Select } from '../kpi/select.ts';
import { durationMinutes } from '../kpi/window.ts';
import { type AlertingRule, guardsOwnVolume, trailingFactor, unitsPerWindow } from '../model/alert-rules.ts';
import { expandText, humanize, humanizePercentage } from '../model/alert-text.ts';
import { TRAILING_WINDOW, trailingTierLabel } from '../model/baseline-rules.ts';
import { costWords } from '../model/cost-rules.ts';
import { render } from '../model/promql.ts';
import { countSeries } from '../model/series.ts';
import { alertTimeline, type SliceSeries, type SliceTimeline, ThresholdTieError } from './alert-model.ts';
import { seriesLabels } from './fixtures.ts';
import { kpiValues } from './kpi-values.ts';
import { counterValues, expandValues } from './series-values.ts';

/** Evaluation step of the generated tests: one minute, as the rules run, so `for` is seen exactly. */
export const TEST_EVAL_MINUTES = 1;

/** Alerts expected firing at a minute. */
export interface AlertCheck {
  readonly evalMinute: number;
  readonly alertname: string;
  readonly expected: readonly {
    exp_labels: Record<string, string>;
    exp_annotations: Record<string, string>;
  }[];
}

/** A PromQL query at a minute and the samples it must return (`ALERTS` for pending alerts). */
export interface ExprCheck {
  readonly evalMinute: number;
  readonly expr: string;
  readonly expected: readonly { labels: string; value: number }[];
}

/** One promtool test case: input series and what must (not) be pending or firing when. */
export interface Scenario {
  readonly name: string;
  readonly series: readonly { readonly series: string; readonly values: string }[];
  readonly alertChecks: readonly AlertCheck[];
  readonly exprChecks: readonly ExprCheck[];
}

/** Minutes from the start of an incident to the alert firing. */
export interface AlertTiming {
  readonly alert: string;
  /** The incident of the tests (first day: trailing baseline): the KPI moved to `share` of its baseline. */
  readonly incident: { readonly share: number; readonly minutes: number };
  /** Drop alerts: everything the alert reads (in its slice) fell to zero. */
  readonly collapse?: number;
  /** The same incidents with a baseline from past weeks (the model the tests check on the first day's tier). */
  readonly weekly: { readonly incident: number; readonly collapse?: number };
}

type Role = 'num' | 'den' | 'value' | 'minus' | 'guard';
interface Input {
  readonly role: Role;
  readonly series: string;
  readonly before: number;
  readonly after: number;
}

const DENOMINATOR_PER_MINUTE = 1000;
const TRAILING = durationMinutes(TRAILING_WINDOW);

/**
 * The promtool cases of one alert, at one-minute evaluation on a few hours of history (the
 * baseline's trailing tier; the weekly tiers have their own e2e tests):
 * - an incident: silent before it, pending the minute before `for` ends, firing at the minute the
 *   model of the expression says, with exact labels and annotations;
 * - a baseline too quiet to judge: the same drop stays silent (guarded alerts);
 * - a collapse to zero (drop alerts): pages, and where the KPI keeps a free label, only for the one
 *   slice that collapsed while a second slice stays normal (a partial outage).
 */
export function alertScenarios(
  rule: AlertingRule,
  def: AlertDef,
): { scenarios: Scenario[]; timing: AlertTiming } {
  // Where a window edge would land exactly on the threshold, move the incident a little, the same
  // way every time: generation stays deterministic and no comparison is left to float rounding.
  for (let nudge = 0; ; nudge++) {
    try {
      return scenariosWith(rule, def, nudge);
    } catch (error) {
      if (!(error instanceof ThresholdTieError) || nudge >= 5) throw error;
    }
  }
}

function scenariosWith(
  rule: AlertingRule,
  def: AlertDef,
  nudge: number,
): { scenarios: Scenario[]; timing: AlertTiming } {
  const w = durationMinutes(def.window);
  const start = Math.ceil((2 * w + TRAILING + 5) / 5) * 5;
  const horizon = start + w + durationMinutes(def.for) + 3 * TRAILING;
  const ownVolumeMin = def.guard && guardsOwnVolume(def) ? (4 * def.guard.min) / unitsPerWindow(def) : 0;
  const base = kpiValues(def.kpi, def.condition, Math.ceil(ownVolumeMin), trailingFactor(def));
  const values = { ...base, incident: base.incident * (def.condition.op === '<' ? 0.9 : 1.05) ** nudge };
  const free = def.condition.op === '<' ? freeLabel(def) : undefined;
  const inputs = (slice: 0 | 1) =>
    planInputs(def, values, free === undefined ? undefined : { key: free, index: slice });
  const primary = inputs(0);

  const run = (
    name: string,
    slices: { inputs: Input[]; shape: (i: Input) => [number, number] }[],
    end: number,
  ) => {
    const series = slices.flatMap(({ inputs: ins, shape }) =>
      unique(ins).map((i) => {
        const [before, after] = shape(i);
        return {
          series: i.series,
          values: counterValues([
            { minutes: start, perMinute: before },
            { minutes: end + 5 - start, perMinute: after },
          ]),
        };
      }),
    );
    const timelines = slices.map(({ inputs: ins }) => alertTimeline(def, sliceSeries(ins, series), end));
    // The same data where past weeks were normal: the weekly tiers' view of the incident.
    const first = slices[0]!.inputs;
    const normal = unique(first).map((i) => ({
      series: i.series,
      values: counterValues([{ minutes: end + 5, perMinute: normalShape(i)[0] }]),
    }));
    const weekly = alertTimeline(def, sliceSeries(first, series), end, sliceSeries(first, normal));
    return { name: `${def.name} ${name}`, series, timelines, weekly };
  };
  const normalShape = (i: Input): [number, number] => [i.before, i.before];

  // 1. The incident.
  const incident = run(
    'pages after `for` on an incident and is silent before',
    [{ inputs: primary, shape: (i) => [i.before, i.after] }],
    horizon,
  );
  const hit = fired(incident.timelines[0]!, def.name, 'the incident');
  const labels = { ...kpiLabels(def, 0, free), ...rule.labels };
  const firing = (t: number, tl: SliceTimeline) => ({
    exp_labels: { ...labels },
    exp_annotations: annotations(rule, def, tl, t, kpiLabels(def, 0, free)),
  });
  const scenarios: Scenario[] = [
    {
      name: incident.name,
      series: incident.series,
      alertChecks: [
        { evalMinute: start - 1, alertname: def.name, expected: [] },
        ...(hit.pendingCheck ? [{ evalMinute: hit.firingAt - 1, alertname: def.name, expected: [] }] : []),
        {
          evalMinute: hit.firingAt,
          alertname: def.name,
          expected: [firing(hit.firingAt, incident.timelines[0]!)],
        },
      ],
      exprChecks: [
        { evalMinute: start - 1, expr: alertsQuery(def.name), expected: [] },
        ...(hit.pendingCheck ? [pendingCheck(def.name, hit.firingAt - 1, labels)] : []),
      ],
    },
  ];

  // 2. A baseline too quiet to judge.
  if (def.guard) {
    const volume = primary.find((i) => i.role === (guardsOwnVolume(def) ? 'value' : 'guard'))!;
    // Counter increments per minute × minutes is the window's volume, for a guard of its own or the KPI's.
    const scale = def.guard.min / 4 / (volume.before * w);
    const quiet = run(
      'stays silent where the baseline was too quiet to judge',
      [{ inputs: primary, shape: (i) => [i.before * scale, i.after * scale] }],
      hit.firingAt + 5,
    );
    if (quiet.timelines[0]!.firingAt !== undefined)
      throw new Error(`${def.name}: the quiet-baseline case fires in the model; the guard does not guard`);
    scenarios.push({
      name: quiet.name,
      series: quiet.series,
      alertChecks: [{ evalMinute: hit.firingAt, alertname: def.name, expected: [] }],
      exprChecks: [{ evalMinute: hit.firingAt, expr: alertsQuery(def.name), expected: [] }],
    });
  }

  // 3. A collapse to zero: of everything, or of one slice while another stays normal.
  let collapse: number | undefined;
  let collapseRun: ReturnType<typeof run> | undefined;
  if (def.condition.op === '<') {
    const slices = [{ inputs: primary, shape: (i: Input): [number, number] => [i.before, 0] }];
    if (free !== undefined) slices.push({ inputs: inputs(1), shape: normalShape });
    const name =
      free === undefined
        ? 'pages when everything it reads falls to zero after a busy baseline'
        : `pages only for the ${free} that fell to zero while another ${free} stays normal`;
    const c = run(name, slices, horizon);
    collapseRun = c;
    const down = fired(c.timelines[0]!, def.name, 'the collapse');
    if (c.timelines[1]?.firingAt !== undefined && c.timelines[1].firingAt <= down.firingAt)
      throw new Error(`${def.name}: the normal slice fires in the model`);
    collapse = down.firingAt - start;
    scenarios.push({
      name: c.name,
      series: c.series,
      alertChecks: [
        { evalMinute: start - 1, alertname: def.name, expected: [] },
        ...(down.pendingCheck ? [{ evalMinute: down.firingAt - 1, alertname: def.name, expected: [] }] : []),
        {
          evalMinute: down.firingAt,
          alertname: def.name,
          expected: [firing(down.firingAt, c.timelines[0]!)],
        },
      ],
      exprChecks: [
        { evalMinute: start - 1, expr: alertsQuery(def.name), expected: [] },
        ...(down.pendingCheck ? [pendingCheck(def.name, down.firingAt - 1, labels)] : []),
      ],
    });
  }
  const share = values.incident / values.normal;
  const weeklyMinutes = (r: ReturnType<typeof run>, what: string) =>
    fired(r.weekly, def.name, what).firingAt - start;
  return {
    scenarios,
    timing: {
      alert: def.name,
      incident: { share, minutes: hit.firingAt - start },
      ...(collapse === undefined ? {} : { collapse }),
      weekly: {
        incident: weeklyMinutes(incident, 'the incident on weekly baselines'),
        ...(collapseRun === undefined
          ? {}
          : { collapse: weeklyMinutes(collapseRun, 'the collapse on weekly baselines') }),
      },
    },
  };
}

function fired(tl: SliceTimeline, alert: string, what: string) {
  if (tl.firingAt === undefined || tl.pendingFrom === undefined)
    throw new Error(`${alert}: ${what} of the generated test never fires in the model of its expression`);
  return { firingAt: tl.firingAt, pendingCheck: tl.firingAt > tl.pendingFrom };
}

/** `ALERTS` of one alert in any state. */
function alertsQuery(alert: string): string {
  return `ALERTS{alertname="${alert}"}`;
}

function pendingCheck(alert: string, minute: number, labels: Record<string, string>): ExprCheck {
  const all = { alertname: alert, alertstate: 'pending', ...labels };
  const text = Object.entries(all)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return {
    evalMinute: minute,
    expr: `ALERTS{alertname="${alert}", alertstate="pending"}`,
    expected: [{ labels: `ALERTS{${text}}`, value: 1 }],
  };
}

function annotations(
  rule: AlertingRule,
  def: AlertDef,
  tl: SliceTimeline,
  t: number,
  labels: Record<string, string>,
): Record<string, string> {
  return expectedAnnotations(rule, def, labels, {
    value: tl.valueAt(t)!,
    baseline: tl.baselineAt(t),
    tier: trailingTierLabel(def.window),
    perMinute: (role) => tl.perMinuteAt(role, t),
  });
}

/** What the KPI alert's annotations read when it fires with these values (the promtool expectation). */
export function expectedAnnotations(
  rule: AlertingRule,
  def: AlertDef,
  labels: Record<string, string>,
  at: {
    value: number;
    baseline: number | undefined;
    tier: string;
    /** Numerator or denominator events per minute (ratio KPIs). */
    perMinute: (role: 'num' | 'den') => number | undefined;
  },
): Record<string, string> {
  const k = def.kpi;
  const b = at.baseline;
  let cost: number | undefined;
  if (b !== undefined && k.kind === 'ratio') {
    const expected = b * at.perMinute('den')!;
    const actual = at.perMinute('num')!;
    cost = def.condition.op === '<' ? expected - actual : actual - expected;
  } else if (b !== undefined && k.kind === 'rate') {
    const gap = def.condition.op === '<' ? b - at.value : at.value - b;
    cost = k.per === 'minute' ? gap : gap * 60;
  }
  const words = costWords(def);
  if (cost !== undefined && words.money) cost /= 10 ** (currencyExponent(labels['currency'] ?? '') ?? 2);
  const fmt = (v: number) => (k.unit === 'ratio' ? humanizePercentage(v) : humanize(v));
  return {
    ...rule.annotations,
    summary: expandText(def.summary, k.unit, at.value, labels),
    description: expandText(def.description, k.unit, at.value, labels),
    baseline: b === undefined ? '' : `${fmt(b)} (${at.tier})`,
    impact:
      cost === undefined
        ? ''
        : `${words.before}${humanize(cost)}${words.after.replace('{{ $labels.currency }}', labels['currency'] ?? '')}`,
  };
}

/** A `by` label no input fixes with a filter: slices of it can fail one at a time. */
function freeLabel(def: AlertDef): string | undefined {
  const selects = inputSelects(def).map((x) => x.select);
  return def.kpi.by.find((k) => selects.every((s) => (s.where as Record<string, unknown>)[k] === undefined));
}

function inputSelects(def: AlertDef): { role: Role; select: Select<CounterDef | HistogramDef> }[] {
  const k = def.kpi;
  const out: { role: Role; select: Select<CounterDef | HistogramDef> }[] =
    k.kind === 'ratio'
      ? [
          { role: 'num', select: k.numerator },
          { role: 'den', select: k.denominator },
        ]
      : [
          { role: 'value', select: k.value },
          ...(k.minus ? [{ role: 'minus' as const, select: k.minus }] : []),
        ];
  if (def.guard && !guardsOwnVolume(def)) out.push({ role: 'guard', select: def.guard.select });
  return out;
}

/** Test series per input role; two roles on one selection (a guard on the denominator) share a series. */
function planInputs(
  def: AlertDef,
  values: { normal: number; incident: number },
  slice: { key: string; index: 0 | 1 } | undefined,
): Input[] {
  const w = durationMinutes(def.window);
  const k = def.kpi;
  const perMinute = (v: number) => (k.kind === 'rate' && k.per === 'second' ? v * 60 : v);
  const ratio = (v: number) => Math.round(v * DENOMINATOR_PER_MINUTE);
  const rates: Record<Role, [number, number]> = {
    num: [ratio(values.normal), ratio(values.incident)],
    den: [DENOMINATOR_PER_MINUTE, DENOMINATOR_PER_MINUTE],
    value: [perMinute(values.normal), perMinute(values.incident)],
    minus: [0, 0],
    guard: def.guard ? [Math.ceil((4 * def.guard.min) / w), Math.ceil((4 * def.guard.min) / w)] : [0, 0],
  };
  const out: Input[] = [];
  for (const { role, select } of inputSelects(def)) {
    const e = countSeries(select);
    if (e.t !== 'selector') throw new Error('unreachable');
    const series = render({ ...e, match: seriesLabels(select.metric, select.where, k.by, slice) });
    const known = out.find((i) => i.series === series);
    const [before, after] = known ? [known.before, known.after] : rates[role];
    out.push({ role, series, before, after });
  }
  return out;
}

function unique(inputs: readonly Input[]): Input[] {
  return inputs.filter((i, n) => inputs.findIndex((j) => j.series === i.series) === n);
}

function sliceSeries(
  inputs: readonly Input[],
  series: readonly { series: string; values: string }[],
): SliceSeries {
  const out: Partial<Record<Role, number[]>> = {};
  for (const i of inputs) out[i.role] = expandValues(series.find((s) => s.series === i.series)!.values);
  return out;
}

/** The KPI's labels on the first slice's series (what the alert carries besides its own labels). */
function kpiLabels(def: AlertDef, index: 0 | 1, free: string | undefined): Record<string, string> {
  const k = def.kpi;
  const s = k.kind === 'ratio' ? k.numerator : k.value;
  const all = seriesLabels(s.metric, s.where, k.by, free === undefined ? undefined : { key: free, index });
  return Object.fromEntries(k.by.map((key) => [promLabel(key), all[promLabel(key)]!]));
}
