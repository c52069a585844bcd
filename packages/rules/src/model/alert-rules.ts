import type { AlertCondition, AlertDef } from '../kpi/alert.ts';
import type { RulesConfig } from '../kpi/config.ts';
import type { AlertableKpi } from '../kpi/kpi.ts';
import { toGoTemplate } from './alert-text.ts';
import type { RecordingRule } from './kpi-rules.ts';
import { bin, call, type Expr, num, offset, ranged, sumBy } from './promql.ts';
import { countSeries, promLabels } from './series.ts';

/** One alerting rule of the model, with the definition it came from (promtool tests need both). */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: Expr;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly source: AlertDef | { readonly absent: string };
}

/** The alerting rule for an alert definition, built on the KPI's recorded series. */
export function alertRule(
  def: AlertDef,
  config: RulesConfig,
  lookup: (kpi: AlertableKpi, window: string) => RecordingRule,
): AlertingRule {
  const kpi = lookup(def.kpi, def.window).ref;
  let expr = condition(kpi, def.condition);
  if (def.guard) {
    const by = promLabels(def.kpi.by);
    const traffic = sumBy(by, call('increase', ranged(countSeries(def.guard.select), def.window)));
    expr = bin('and', expr, bin('>=', traffic, num(def.guard.min)), { on: by });
  }
  return {
    alert: def.name,
    expr,
    for: def.for,
    labels: { severity: def.severity, team: def.team, kpi: def.kpi.name },
    annotations: {
      summary: toGoTemplate(def.summary, def.kpi.unit),
      description: toGoTemplate(def.description, def.kpi.unit),
      runbook_url: `${config.links.runbookBase}#${def.runbook}`,
      dashboard_url: config.links.dashboard,
    },
    source: def,
  };
}

function condition(kpi: Expr, c: AlertCondition): Expr {
  if ('threshold' in c) return bin(c.op, kpi, num(c.threshold));
  if ('offset' in c) return bin(c.op, kpi, bin('*', num(c.factor), offset(kpi, c.offset)));
  return bin(c.op, kpi, bin('*', num(c.factor), call('avg_over_time', ranged(kpi, c.averageOver))));
}
