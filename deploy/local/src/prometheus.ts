import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { stackBin } from './binaries.ts';
import { type RunningServer, startServer, tempDir } from './process.ts';

const run = promisify(execFile);

/** One more scrape job, e.g. a collector's `prometheus` exporter. */
export interface ScrapeJob {
  readonly jobName: string;
  readonly targets: readonly string[];
  /**
   * Keep the `job`/`instance` labels the target exposes instead of renaming them `exported_*`: set
   * it for a collector, whose series carry each sender's own `job` and `instance`.
   */
  readonly honorLabels?: boolean;
}

/**
 * How Prometheus 3's OTLP receiver names what it ingests. `UnderscoreEscapingWithSuffixes` is the
 * translation the collector's Prometheus exporters use, so every path yields the same series names
 * (contract 1, `promName()`): `.` → `_`, unit and `_total` suffixes added once. Resource attributes
 * are not promoted to labels: `service.name` → `job`, `service.instance.id` → `instance`, the rest
 * in `target_info`, exactly as the collector's `prometheus` exporter does.
 */
export const OTLP_RECEIVER_CONFIG = {
  translation_strategy: 'UnderscoreEscapingWithSuffixes',
  promote_resource_attributes: [] as string[],
} as const;

/** Options for {@link startPrometheus}. */
export interface PrometheusOptions {
  /** `host:port` targets scraped at `/metrics`; none: no scrape job. */
  readonly scrapeTargets?: readonly string[];
  /** More scrape jobs, after the one of `scrapeTargets`. */
  readonly scrapeJobs?: readonly ScrapeJob[];
  /** Accept OTLP at `/api/v1/otlp/v1/metrics` (`--web.enable-otlp-receiver`, {@link OTLP_RECEIVER_CONFIG}). */
  readonly otlpReceiver?: boolean;
  /** Accept remote-write at `/api/v1/write` (`--web.enable-remote-write-receiver`). */
  readonly remoteWriteReceiver?: boolean;
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
  /** Its OTLP receiver's full metrics URL (with `otlpReceiver`), as `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`. */
  readonly otlpUrl: string;
  /** Its remote-write receiver (with `remoteWriteReceiver`). */
  readonly remoteWriteReceiverUrl: string;
}

/** The Prometheus configuration for these options, as a plain object (serialised with `yaml`). */
export function prometheusConfig(options: PrometheusOptions): Record<string, unknown> {
  const config: Record<string, unknown> = {
    global: {
      scrape_interval: options.scrapeInterval ?? '5s',
      evaluation_interval: options.evaluationInterval ?? '5s',
    },
  };
  const jobs: ScrapeJob[] = [
    ...(options.scrapeTargets?.length
      ? [{ jobName: options.jobName ?? 'bizmetrics', targets: options.scrapeTargets }]
      : []),
    ...(options.scrapeJobs ?? []),
  ];
  if (jobs.length)
    config['scrape_configs'] = jobs.map((job) => ({
      job_name: job.jobName,
      ...(job.honorLabels ? { honor_labels: true } : {}),
      static_configs: [{ targets: [...job.targets] }],
    }));
  if (options.otlpReceiver) config['otlp'] = OTLP_RECEIVER_CONFIG;
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
      ...(options.otlpReceiver ? ['--web.enable-otlp-receiver'] : []),
      ...(options.remoteWriteReceiver ? ['--web.enable-remote-write-receiver'] : []),
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
    otlpUrl: `${server.url}/api/v1/otlp/v1/metrics`,
    remoteWriteReceiverUrl: `${server.url}/api/v1/write`,
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
