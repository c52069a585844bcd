import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type RunningPrometheus,
  type RunningServer,
  startAlertmanager,
  startPrometheus,
} from '@bizmetrics/local-stack';
import { findStackBin, type ScrapeJob } from '@bizmetrics/local-stack/support';

/** Prometheus and Alertmanager started for the demo. */
export interface DemoStack {
  readonly prometheus: RunningPrometheus;
  readonly alertmanager: RunningServer;
  readonly rulesFile: string;
  stop(): Promise<void>;
}

/** True when Prometheus and Alertmanager are installed (`pnpm stack:install`). */
export function demoStackInstalled(): boolean {
  return Boolean(findStackBin('prometheus') && findStackBin('alertmanager'));
}

/** Starts Alertmanager, then Prometheus running `scrapeJob` every 5 s with `rulesYaml` loaded. */
export async function startDemoStack(scrapeJob: ScrapeJob, rulesYaml: string): Promise<DemoStack> {
  const alertmanager = await startAlertmanager();
  try {
    // The rules file lives in Alertmanager's temporary folder, removed with it on stop.
    const rulesFile = join(alertmanager.dir, 'demo.rules.yaml');
    await writeFile(rulesFile, rulesYaml);
    const prometheus = await startPrometheus({
      scrapeJobs: [scrapeJob],
      scrapeInterval: '5s',
      evaluationInterval: '5s',
      ruleFiles: [rulesFile],
      alertmanagerUrl: alertmanager.url,
    });
    return {
      prometheus,
      alertmanager,
      rulesFile,
      async stop() {
        await prometheus.stop();
        await alertmanager.stop();
      },
    };
  } catch (error) {
    await alertmanager.stop();
    throw error;
  }
}
