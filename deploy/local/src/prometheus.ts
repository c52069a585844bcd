import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { stackBin } from './binaries.ts';
import { type RunningServer, startServer, tempDir } from './process.ts';

const run = promisify(execFile);

/** Options for {@link startPrometheus}. */
export interface PrometheusOptions {
  /** `host:port` targets scraped at `/metrics`; none: no scrape job. */
  readonly scrapeTargets?: readonly string[];
  /** The scrape job's name, which becomes the `job` label; default `bizmetrics`. */
  readonly jobName?: string;
  /** Default `5s`. */
  readonly scrapeInterval?: string;
  /** Default `5s`. */
  readonly evaluationInterval?: string;
  /** Rule files (absolute paths) loaded by Prometheus. */
  readonly ruleFiles?: readonly string[];
  /** Alertmanager base URL, e.g. `http://127.0.0.1:9093`. */
  readonly alertmanagerUrl?: string;
  /** Remote-write endpoint, e.g. VictoriaMetrics' `http://127.0.0.1:8428/api/v1/write`. */
  readonly remoteWriteUrl?: string;
  readonly port?: number;
  /**
   * Serve this TSDB folder (e.g. blocks from `promtool tsdb create-blocks-from`) instead of a new
   * empty one in the temporary directory; `stop()` leaves it in place.
   */
  readonly dataDir?: string;
  /** E.g. `['--storage.tsdb.retention.time=30d']`. */
  readonly extraArgs?: readonly string[];
  readonly detached?: boolean;
}

/** A running Prometheus and the path of the config it was generated with. */
export interface RunningPrometheus extends RunningServer {
  readonly configPath: string;
  /** The TSDB folder it serves. */
  readonly dataDir: string;
  /** Re-reads the config and rule files (`POST /-/reload`); rejects with Prometheus' reason. */
  reload(): Promise<void>;
}

/** The Prometheus configuration for these options, as a plain object (serialised with `yaml`). */
export function prometheusConfig(options: PrometheusOptions): Record<string, unknown> {
  const config: Record<string, unknown> = {
    global: {
      scrape_interval: options.scrapeInterval ?? '5s',
      evaluation_interval: options.evaluationInterval ?? '5s',
    },
  };
  if (options.scrapeTargets?.length)
    config['scrape_configs'] = [
      {
        job_name: options.jobName ?? 'bizmetrics',
        static_configs: [{ targets: [...options.scrapeTargets] }],
      },
    ];
  if (options.ruleFiles?.length) config['rule_files'] = [...options.ruleFiles];
  if (options.alertmanagerUrl) {
    const url = new URL(options.alertmanagerUrl);
    config['alerting'] = {
      alertmanagers: [{ scheme: url.protocol.replace(':', ''), static_configs: [{ targets: [url.host] }] }],
    };
  }
  // Batches leave after 1 s rather than 5 s, so remote-written samples show up quickly.
  if (options.remoteWriteUrl)
    config['remote_write'] = [{ url: options.remoteWriteUrl, queue_config: { batch_send_deadline: '1s' } }];
  return config;
}

/** Starts Prometheus on 127.0.0.1 with a generated config in a temporary directory. */
export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const dir = await tempDir('prometheus');
  const configPath = join(dir, 'prometheus.yml');
  await writeFile(configPath, stringify(prometheusConfig(options)));
  const server = await startServer({
    name: 'prometheus',
    bin: stackBin('prometheus'),
    args: (port) => [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${options.dataDir ?? join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
      ...(options.extraArgs ?? []),
    ],
    port: options.port,
    dir,
    readyPath: '/-/ready',
    detached: options.detached ?? false,
  });
  return {
    ...server,
    configPath,
    dataDir: options.dataDir ?? join(dir, 'data'),
    async reload() {
      const res = await fetch(`${server.url}/-/reload`, {
        method: 'POST',
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`prometheus reload failed (${res.status}): ${(await res.text()).trim()}`);
    },
  };
}

/** Runs `promtool check config` on a Prometheus config file; rejects with promtool's output. */
export async function checkPrometheusConfig(path: string): Promise<string> {
  const { stdout, stderr } = await run(stackBin('promtool'), ['check', 'config', path]);
  return `${stdout}${stderr}`;
}
