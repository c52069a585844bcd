// `@bizmetrics/rules/model`: the rules model between KPI definitions and rendered files: groups, recording and alerting rules, PromQL.

export { ABSENT_ALERT } from './model/absent-rules.ts';
export type { AlertingRule } from './model/alert-rules.ts';
export type { RecordingRule } from './model/kpi-rules.ts';
export { buildModel, type RuleGroup, type RulesModel } from './model/model.ts';
export { type Expr, inline, render as renderPromql } from './model/promql.ts';
