import { join } from 'node:path';
import { stackBin } from './binaries.ts';
import { type RunningServer, startServer, tempDir } from './process.ts';

/** Options for {@link startVictoriaMetrics}. */
export interface VictoriaMetricsOptions {
  readonly port?: number;
  /** Keep data here instead of a new temporary directory (to restart on the same data). */
  readonly dataDir?: string;
  readonly extraArgs?: readonly string[];
  readonly detached?: boolean;
}

/** A running VictoriaMetrics with its ingest endpoints. */
export interface RunningVictoriaMetrics extends RunningServer {
  /** OTLP metrics ingest (protobuf only): `/opentelemetry/v1/metrics`. */
  readonly otlpUrl: string;
  /** Prometheus remote-write ingest. */
  readonly remoteWriteUrl: string;
  readonly dataDir: string;
  /**
   * Makes everything ingested so far searchable now (`/internal/force_flush`); without it,
   * fresh OTLP samples take about 10 s to show up in queries; after it, well under a second.
   */
  flush(): Promise<void>;
}

/**
 * Starts single-node VictoriaMetrics on 127.0.0.1. OTLP metric names are converted to Prometheus
 * names (`-opentelemetry.usePrometheusNaming`), so every path yields the same series (contract 1);
 * `-search.latencyOffset=0s` makes fresh samples queryable at once, which tests rely on.
 */
export async function startVictoriaMetrics(
  options: VictoriaMetricsOptions = {},
): Promise<RunningVictoriaMetrics> {
  const dir = await tempDir('victoria-metrics');
  const dataDir = options.dataDir ?? join(dir, 'data');
  const server = await startServer({
    name: 'victoria-metrics',
    bin: stackBin('victoria-metrics'),
    args: (port) => [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${dataDir}`,
      '-opentelemetry.usePrometheusNaming',
      '-search.latencyOffset=0s',
      '-search.disableCache',
      '-retentionPeriod=100y',
      ...(options.extraArgs ?? []),
    ],
    port: options.port,
    dir,
    readyPath: '/health',
    detached: options.detached ?? false,
  });
  return {
    ...server,
    dataDir,
    otlpUrl: `${server.url}/opentelemetry/v1/metrics`,
    remoteWriteUrl: `${server.url}/api/v1/write`,
    async flush() {
      const res = await fetch(`${server.url}/internal/force_flush`, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`victoria-metrics force_flush answered ${res.status}`);
    },
  };
}
