import { stackBin } from './binaries.ts';
import { type RunningServer, startServer, tempDir } from './process.ts';

/** Options for {@link startVmalert}. */
export interface VmalertOptions {
  /** The Prometheus-API server the rules query, e.g. a VictoriaMetrics URL. */
  readonly datasourceUrl: string;
  /** Prometheus-format rule files (absolute paths or globs). */
  readonly ruleFiles: readonly string[];
  /** Alertmanager base URL; without one, notifications are discarded (`-notifier.blackhole`). */
  readonly alertmanagerUrl?: string;
  /** Where recording-rule results and alert states are written, e.g. VictoriaMetrics' base URL. */
  readonly remoteWriteUrl?: string;
  /** How often rules are evaluated; default `5s`. */
  readonly evaluationInterval?: string;
  readonly port?: number;
  readonly extraArgs?: readonly string[];
  readonly detached?: boolean;
}

/** Starts vmalert (VictoriaMetrics' rule evaluator) on 127.0.0.1, evaluating rules on the latest data. */
export async function startVmalert(options: VmalertOptions): Promise<RunningServer> {
  const dir = await tempDir('vmalert');
  return startServer({
    name: 'vmalert',
    bin: stackBin('vmalert'),
    args: (port) => [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-datasource.url=${options.datasourceUrl}`,
      ...options.ruleFiles.map((f) => `-rule=${f}`),
      options.alertmanagerUrl ? `-notifier.url=${options.alertmanagerUrl}` : '-notifier.blackhole',
      ...(options.remoteWriteUrl ? [`-remoteWrite.url=${options.remoteWriteUrl}`] : []),
      `-evaluationInterval=${options.evaluationInterval ?? '5s'}`,
      // Matches startVictoriaMetrics' -search.latencyOffset=0s; the default 30 s would evaluate
      // rules on data half a minute old.
      '-rule.evalDelay=0s',
      ...(options.extraArgs ?? []),
    ],
    port: options.port,
    dir,
    readyPath: '/health',
    detached: options.detached ?? false,
  });
}
