import type { AlertDef, RulesConfig } from '@bizmetrics/rules';
import { durationSeconds } from '@bizmetrics/rules/kpi';
import { buildModel, inline, renderPromql } from '@bizmetrics/rules/model';
import type { BenchAlert } from './article-rules.ts';

/**
 * The generated alerting rules as raw-series expressions (recording rules inlined; a range over a
 * record becomes a one-minute subquery), without the no-data alerts: the simulated series never
 * disappear.
 */
export function generatedAlerts(config: RulesConfig): BenchAlert[] {
  return buildModel(config)
    .alerting.rules.filter((r) => !('absent' in r.source))
    .map((r) => ({
      name: r.alert,
      expr: renderPromql(inline(r.expr)),
      forSeconds: durationSeconds(r.for),
      page: r.labels['severity'] === 'page',
    }));
}

/** A KPI a static-threshold rule watches: the same record, window and `for` as a generated drop page. */
export interface StaticCandidate {
  readonly name: string;
  readonly expr: string;
  readonly forMinutes: number;
}

/**
 * The static-threshold comparator: for every generated page on a drop (`<`), the same KPI series
 * with a fixed threshold per label set instead of a baseline and a guard, as a team would write
 * without baselines. Thresholds are tuned later, on the simulated weeks themselves.
 */
export function staticCandidates(config: RulesConfig): StaticCandidate[] {
  const model = buildModel(config);
  return model.alerting.rules.flatMap((r) => {
    if ('absent' in r.source || r.labels['severity'] !== 'page') return [];
    const def = r.source as AlertDef;
    if (def.condition.op !== '<') return [];
    return [
      {
        name: `Static${r.alert}`,
        expr: renderPromql(inline(model.record(def.kpi, def.window).ref)),
        forMinutes: durationSeconds(r.for) / 60,
      },
    ];
  });
}
