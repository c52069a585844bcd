import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, stackBin } from './binaries.ts';
import { freePort, type RunningServer, startServer, tempDir } from './process.ts';

const run = promisify(execFile);

/** The exporter overlays shipped in `collector/exporters/`. */
export type CollectorOverlay =
  | 'prometheus'
  | 'remote-write'
  | 'otlp-http'
  | 'debug'
  | 'load-balancing'
  | 'load-balancing-dns';

/** The shipped config files for one overlay: base, the generated catalog processor, the overlay. */
export function collectorConfigFiles(overlay: CollectorOverlay): string[] {
  const dir = join(REPO_ROOT, 'collector');
  return [join(dir, 'base.yaml'), join(dir, 'catalog.yaml'), join(dir, 'exporters', `${overlay}.yaml`)];
}

/** Options for {@link startCollector}. */
export interface CollectorOptions {
  /** Config files in `--config` order; default: {@link collectorConfigFiles} of `overlay`. */
  readonly configFiles?: readonly string[];
  /** Default `debug`. */
  readonly overlay?: CollectorOverlay;
  /**
   * The variables the configs read (collector/README.md lists them). The receiver, health,
   * telemetry and Prometheus-exporter endpoints get free ports on 127.0.0.1 unless given here, and
   * `BIZMETRICS_COLLECTOR_TOKEN` a test token.
   */
  readonly env?: Readonly<Record<string, string>>;
  readonly detached?: boolean;
}

/** A running collector and where to send to it. */
export interface RunningCollector extends RunningServer {
  /** OTLP/HTTP base URL of the in-cluster receiver (`/v1/metrics` is appended by SDKs). */
  readonly otlpHttpUrl: string;
  /** `http://host:port` of the OTLP/gRPC receiver, as `OTEL_EXPORTER_OTLP_ENDPOINT` wants it. */
  readonly otlpGrpcUrl: string;
  /** OTLP/HTTP base URL of the bearer-token receiver for senders outside the cluster. */
  readonly externalUrl: string;
  /** The bearer token `externalUrl` requires. */
  readonly token: string;
  /** `host:port` of the `prometheus` exporter's `/metrics` (prometheus overlay). */
  readonly prometheusTarget: string;
  /** `host:port` of the collector's own `otelcol_*` metrics. */
  readonly telemetryTarget: string;
  /** The variables it runs with. */
  readonly env: Readonly<Record<string, string>>;
  readonly configFiles: readonly string[];
}

/**
 * Starts our collector build (`.stack/bin/otelcol`) on 127.0.0.1 with the shipped configs. The
 * configs are validated first (`otelcol validate`), so a broken file fails here with the
 * collector's own message and the file names; ready when `health_check` answers.
 */
export async function startCollector(options: CollectorOptions = {}): Promise<RunningCollector> {
  // The free ports are chosen before the collector binds them; another process (an outgoing
  // connection's ephemeral port, seen about once in six starts on a busy machine) can take one in
  // between. New ports, up to three times, as startServer does for its own port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startCollectorOnce(options);
    } catch (error) {
      if (attempt === 3 || !/in use/.test((error as Error).message)) throw error;
    }
  }
}

async function startCollectorOnce(options: CollectorOptions): Promise<RunningCollector> {
  const configFiles = [...(options.configFiles ?? collectorConfigFiles(options.overlay ?? 'debug'))];
  const host = async () => `127.0.0.1:${await freePort()}`;
  const env: Record<string, string> = {
    BIZMETRICS_OTLP_GRPC_ENDPOINT: await host(),
    BIZMETRICS_OTLP_HTTP_ENDPOINT: await host(),
    BIZMETRICS_OTLP_EXTERNAL_ENDPOINT: await host(),
    BIZMETRICS_PROMETHEUS_EXPORTER_ENDPOINT: await host(),
    BIZMETRICS_HEALTH_ENDPOINT: await host(),
    BIZMETRICS_COLLECTOR_TELEMETRY_HOST: '127.0.0.1',
    BIZMETRICS_COLLECTOR_TELEMETRY_PORT: String(await freePort()),
    BIZMETRICS_COLLECTOR_TOKEN: 'local-stack-test-token',
    ...options.env,
  };
  await validateCollectorConfig(configFiles, env);
  const server = await startServer({
    name: 'otelcol',
    bin: stackBin('otelcol'),
    args: () => configFiles.flatMap((f) => ['--config', f]),
    // The readiness probe asks health_check, whose port the config reads from the environment.
    port: Number(env['BIZMETRICS_HEALTH_ENDPOINT']!.split(':').pop()),
    dir: await tempDir('otelcol'),
    readyPath: '/',
    detached: options.detached ?? false,
    env,
  });
  return {
    ...server,
    env,
    configFiles,
    otlpHttpUrl: `http://${env['BIZMETRICS_OTLP_HTTP_ENDPOINT']}`,
    otlpGrpcUrl: `http://${env['BIZMETRICS_OTLP_GRPC_ENDPOINT']}`,
    externalUrl: `http://${env['BIZMETRICS_OTLP_EXTERNAL_ENDPOINT']}`,
    token: env['BIZMETRICS_COLLECTOR_TOKEN']!,
    prometheusTarget: env['BIZMETRICS_PROMETHEUS_EXPORTER_ENDPOINT']!,
    telemetryTarget: `127.0.0.1:${env['BIZMETRICS_COLLECTOR_TELEMETRY_PORT']}`,
  };
}

/**
 * `otelcol validate` on these files with these variables. Resolves with what the collector printed
 * (its warnings, e.g. a deprecated component alias, are in there); rejects with the collector's own
 * error and the file names.
 */
export async function validateCollectorConfig(
  configFiles: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<string> {
  try {
    const { stdout, stderr } = await run(
      stackBin('otelcol'),
      ['validate', ...configFiles.flatMap((f) => ['--config', f])],
      { env: { ...process.env, ...env } },
    );
    return `${stdout}${stderr}`;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const said = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() || e.message;
    throw new Error(`otelcol validate rejected ${configFiles.join(' + ')}:\n${said}`);
  }
}

/** `otelcol --version` and `otelcol components` of our build. */
export async function collectorBuildInfo(): Promise<{ version: string; components: string }> {
  const bin = stackBin('otelcol');
  const version = (await run(bin, ['--version'])).stdout.trim();
  const components = (await run(bin, ['components'])).stdout;
  return { version, components };
}

/**
 * Starts the collector on these files just until it reports "Everything is ready" (or exits), then
 * stops it by its pid: resolves with the `warn` and `error` lines it logged while starting, such as
 * a deprecated component alias, which `otelcol validate` does not report. Listening endpoints should
 * be given loopback addresses in `env`.
 */
export async function collectorStartupWarnings(
  configFiles: readonly string[],
  env: Readonly<Record<string, string>> = {},
  timeoutMs = 20_000,
): Promise<string[]> {
  const child = spawn(
    stackBin('otelcol'),
    configFiles.flatMap((f) => ['--config', f]),
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  while (!/Everything is ready/.test(output) && child.exitCode === null && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const ready = /Everything is ready/.test(output);
  child.kill('SIGTERM');
  await exited;
  if (!ready) throw new Error(`otelcol did not start on ${configFiles.join(' + ')}:\n${output.slice(-4000)}`);
  return output.split('\n').filter((line) => /\t(warn|error)\t/.test(line));
}
