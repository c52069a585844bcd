import type { AlertCondition, AlertDef } from '../kpi/alert.ts';
import type { RulesConfig } from '../kpi/config.ts';
import type { AlertableKpi } from '../kpi/kpi.ts';
import type { Select } from '../kpi/select.ts';
import { type Duration, durationSeconds } from '../kpi/window.ts';
import { toGoTemplate } from './alert-text.ts';
import { type Baseline, baselineOf } from './baseline-rules.ts';
import { baselineAnnotations } from './baseline-text.ts';
import { costRecord } from './cost-rules.ts';
import type { RecordingRule } from './kpi-rules.ts';
import { agg, bin, call, type Expr, num, offset, ranged, sumBy } from './promql.ts';
import type { RecordSet } from './record-set.ts';
import { countSeries, promLabels } from './series.ts';
import { trafficRecord } from './traffic-rules.ts';

/** One alerting rule of the model, with the definition it came from (promtool tests need both). */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: Expr;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly source:
    | AlertDef
    | { readonly absent: string; readonly selector: Readonly<Record<string, string>> };
}

/** Period of the baseline when the condition names none (thresholds, averages): the same time of past weeks. */
export const DEFAULT_PERIOD: Duration = '1w';

/** The baselines an alert reads: of its KPI window and, when guarded, of its traffic. */
export interface AlertBaselines {
  readonly kpi: Baseline;
  readonly traffic?: Baseline;
}

/**
 * The alerting rule for an alert definition, built on the KPI's recorded series. The volume guard
 * asks whether the baseline saw enough traffic at this time to judge, never whether there is
 * traffic now: a fall from a busy baseline to nothing is the worst case, not a quiet night.
 */
export function alertRule(
  def: AlertDef,
  config: RulesConfig,
  lookup: (kpi: AlertableKpi, window: string) => RecordingRule,
  records: RecordSet,
): AlertingRule {
  const by = promLabels(def.kpi.by);
  const kpi = lookup(def.kpi, def.window);
  const baselines = alertBaselines(def, kpi, records);
  const cost = records.add(costRecord(def, kpi, baselines.kpi, by));
  let expr = condition(def, kpi.ref, baselines.kpi, by);
  if (def.guard) {
    const volume = baselines.traffic
      ? baselines.traffic.baseline.ref
      : bin('*', baselines.kpi.baseline.ref, num(unitsPerWindow(def)));
    expr = bin('and', expr, bin('>=', volume, num(def.guard.min)), { on: by });
  }
  return {
    alert: def.name,
    expr,
    for: def.for,
    labels: { severity: def.severity, team: def.team, kpi: def.kpi.name },
    annotations: {
      summary: toGoTemplate(def.summary, def.kpi.unit),
      description: toGoTemplate(def.description, def.kpi.unit),
      ...baselineAnnotations(def, baselines.kpi.baseline.record, cost.record, by),
      runbook_url: `${config.links.runbookBase}#${def.runbook}`,
      dashboard_url: config.links.dashboard,
    },
    source: def,
  };
}

/** Adds the baseline records an alert needs to `records` and returns them. */
export function alertBaselines(def: AlertDef, kpi: RecordingRule, records: RecordSet): AlertBaselines {
  const by = promLabels(def.kpi.by);
  const period = 'offset' in def.condition ? def.condition.offset : DEFAULT_PERIOD;
  const kpiBaseline = baselineOf(kpi, by, def.window, period);
  records.add(kpiBaseline.seasonal);
  records.add(kpiBaseline.baseline);
  if (!def.guard || guardsOwnVolume(def)) return { kpi: kpiBaseline };
  const traffic = records.add(trafficRecord(def.guard.select, def.kpi.by, def.window));
  const trafficBaseline = baselineOf(traffic, by, def.window, period, { volume: true });
  records.add(trafficBaseline.seasonal);
  records.add(trafficBaseline.baseline);
  return { kpi: kpiBaseline, traffic: trafficBaseline };
}

/**
 * A rate KPI guarded by its own selection (a traffic collapse alert) reads its volume from its own
 * baseline: per-minute rate × minutes of the window, with no second set of records.
 */
export function guardsOwnVolume(def: AlertDef): boolean {
  const k = def.kpi;
  return !!def.guard && k.kind === 'rate' && !k.minus && sameSelect(def.guard.select, k.value);
}

/** KPI units in one window of a rate KPI: a per-minute rate times the window's minutes. */
export function unitsPerWindow(def: AlertDef): number {
  const seconds = durationSeconds(def.window);
  return def.kpi.kind === 'rate' && def.kpi.per === 'minute' ? seconds / 60 : seconds;
}

/** Whether the baseline has more than its trailing tier: a past period, or yesterday. */
function historyAtThisTime(kpi: Expr, baseline: Baseline, by: string[], period: Duration): Expr {
  const periods = agg('count', by, baseline.seasonal.ref);
  return durationSeconds(period) > 86_400 ? bin('or', periods, offset(kpi, '1d'), { on: by }) : periods;
}

function sameSelect(a: Select, b: Select): boolean {
  if (a.metric !== b.metric) return false;
  const keys = new Set([...Object.keys(a.where), ...Object.keys(b.where)]);
  const wa = a.where as Record<string, string | undefined>;
  const wb = b.where as Record<string, string | undefined>;
  return [...keys].every((k) => wa[k] === wb[k]);
}

/**
 * Before any history at this time (the first day), a volume's trailing hour is not its usual at
 * this time of day (an evening falls by half in an hour), so a rate KPI is judged there only on a
 * move this deep: below a quarter, or above four times, of the trailing hour. Ratios are judged in full.
 */
export const TRAILING_RATE_FACTOR = { '<': 0.25, '>': 4 } as const;

/** The factor a condition applies on the trailing tier (see {@link TRAILING_RATE_FACTOR}). */
export function trailingFactor(def: AlertDef): number | undefined {
  const c = def.condition;
  if (def.kpi.kind !== 'rate' || !('offset' in c)) return undefined;
  const f =
    c.op === '<'
      ? Math.min(c.factor, TRAILING_RATE_FACTOR['<'])
      : Math.max(c.factor, TRAILING_RATE_FACTOR['>']);
  return f === c.factor ? undefined : f;
}

function condition(def: AlertDef, kpi: Expr, baseline: Baseline, by: string[]): Expr {
  const c: AlertCondition = def.condition;
  // A ratio whose denominator fell to 0 has no sample (no NaN): for a drop alert that is the
  // deepest drop of all, so it counts as 0 and the volume guard decides whether that is news.
  const now =
    def.kpi.kind === 'ratio' && c.op === '<'
      ? bin(
          'or',
          kpi,
          bin('==', sumBy(by, call('rate', ranged(countSeries(def.kpi.denominator), def.window))), num(0)),
          { on: by },
        )
      : kpi;
  if ('threshold' in c) return bin(c.op, now, num(c.threshold));
  if ('offset' in c) {
    const b = baseline.baseline.ref;
    const trailing = trailingFactor(def);
    const line =
      trailing === undefined
        ? bin('*', num(c.factor), b)
        : bin(
            'or',
            bin('and', bin('*', num(c.factor), b), historyAtThisTime(kpi, baseline, by, c.offset), {
              on: by,
            }),
            bin('*', num(trailing), b),
            { on: by },
          );
    return bin(c.op, now, line, { on: by });
  }
  return bin(c.op, now, bin('*', num(c.factor), call('avg_over_time', ranged(kpi, c.averageOver))));
}
