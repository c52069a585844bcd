export { ConfigLoadError, type LoadConfigOptions, loadConfig } from './config/load.ts';
export { overviewDashboard } from './dashboard/overview.ts';
export { metricsMarkdown } from './docs/metrics-doc.ts';
export { type Artifact, artifactPaths, generateArtifacts, writeArtifacts } from './generate/artifacts.ts';
export {
  type AlertCondition,
  type AlertDef,
  type AverageCondition,
  alert,
  type SeasonalCondition,
  type ThresholdCondition,
  type TrafficGuard,
} from './kpi/alert.ts';
export { COLLAPSE_FACTOR, type CollapseOptions, collapse } from './kpi/collapse.ts';
export { defineConfig, type RulesConfig } from './kpi/config.ts';
export { CHECKOUT_STEPS, defaultConfig } from './kpi/default-config.ts';
export {
  type AlertableKpi,
  type ComparisonKpi,
  comparison,
  type Kpi,
  type KpiUnit,
  type QuantileKpi,
  quantile,
  type RateKpi,
  type RatioKpi,
  rate,
  ratio,
  type ShareKpi,
  share,
} from './kpi/kpi.ts';
export { type Select, select, type Where } from './kpi/select.ts';
export { type Duration, durationSeconds } from './kpi/window.ts';
export { ABSENT_ALERT } from './model/absent-rules.ts';
export type { AlertingRule } from './model/alert-rules.ts';
export type { RecordingRule } from './model/kpi-rules.ts';
export { buildModel, type RuleGroup, type RulesModel } from './model/model.ts';
export { type Expr, inline, render as renderPromql } from './model/promql.ts';
export { RulesConfigError } from './model/validate.ts';
export { findTool } from './promtool/locate.ts';
export {
  ToolMissingError,
  type ToolResult,
  type VerifyOptions,
  type VerifyReport,
  verifyRulesDir,
} from './promtool/run.ts';
export { ONCALL_RECEIVER, renderAlertmanagerConfig, teamReceiver } from './render/alertmanager.ts';
export { renderPrometheusRule, renderRulesFile } from './render/rules-file.ts';
export { uxDashboard, uxScorePanel } from './ux/ux-dashboard.ts';
export { uxScorePromtoolTests } from './ux/ux-promtool.ts';
export {
  renderUxRulesFile,
  UX_ALERT,
  UX_RECORDS,
  UxScoreConfigError,
  type UxScoreOptions,
  uxScoreRules,
} from './ux/ux-score.ts';
