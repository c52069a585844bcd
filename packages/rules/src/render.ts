// `@bizmetrics/rules/render`: rendering a model to rule files, PrometheusRule, Alertmanager config, dashboards and metric docs.

export { overviewDashboard } from './dashboard/overview.ts';
export { metricsMarkdown } from './docs/metrics-doc.ts';
export { type Artifact, artifactPaths } from './generate/artifacts.ts';
export { ONCALL_RECEIVER, renderAlertmanagerConfig, teamReceiver } from './render/alertmanager.ts';
export { renderPrometheusRule, renderRulesFile } from './render/rules-file.ts';
