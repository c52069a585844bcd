import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { overviewDashboard } from '../dashboard/overview.ts';
import { alertsMarkdown } from '../docs/alerts-doc.ts';
import { metricsMarkdown } from '../docs/metrics-doc.ts';
import type { RulesConfig } from '../kpi/config.ts';
import { buildModel } from '../model/model.ts';
import { modelScenarios, renderTestFiles } from '../promtool/test-file.ts';
import { renderAlertmanagerConfig } from '../render/alertmanager.ts';
import { renderPrometheusRule, renderRulesFile } from '../render/rules-file.ts';
import { renderServiceMonitor } from '../render/service-monitor.ts';

/** One generated file, relative to the output folder. */
export interface Artifact {
  readonly path: string;
  readonly content: string;
}

/** File layout of an output folder, relative paths. */
export function artifactPaths(config: RulesConfig) {
  return {
    rules: `rules/${config.name}.rules.yaml`,
    tests: 'tests',
    dashboard: `dashboards/${config.name}-overview.json`,
    docs: `docs/${config.name}-metrics.md`,
    alertsDoc: `docs/${config.name}-alerts.md`,
    prometheusRule: `kubernetes/${config.name}.prometheusrule.yaml`,
    serviceMonitor: `kubernetes/${config.name}.servicemonitor.yaml`,
    alertmanager: `alertmanager/${config.name}.alertmanager.yaml`,
  } as const;
}

/** Every file `rules generate` writes for a config, in memory. */
export function generateArtifacts(config: RulesConfig): Artifact[] {
  const model = buildModel(config);
  const paths = artifactPaths(config);
  const scenarios = modelScenarios(model);
  return [
    { path: paths.rules, content: renderRulesFile(model) },
    { path: paths.prometheusRule, content: renderPrometheusRule(model) },
    { path: paths.serviceMonitor, content: renderServiceMonitor(model) },
    { path: paths.alertmanager, content: renderAlertmanagerConfig(model) },
    ...renderTestFiles(model, `../${paths.rules}`, scenarios).map((t) => ({
      path: `${paths.tests}/${t.alert}.test.yaml`,
      content: t.content,
    })),
    { path: paths.dashboard, content: `${JSON.stringify(overviewDashboard(model), null, 2)}\n` },
    { path: paths.docs, content: metricsMarkdown(model) },
    { path: paths.alertsDoc, content: alertsMarkdown(model, scenarios.timings, scenarios.absentMinutes) },
  ];
}

/** Writes artifacts under `dir`, creating folders; returns the absolute paths written. */
export async function writeArtifacts(dir: string, artifacts: readonly Artifact[]): Promise<string[]> {
  const written: string[] = [];
  for (const a of artifacts) {
    const file = join(dir, a.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, a.content);
    written.push(file);
  }
  return written;
}
