import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@bizmetrics/local-stack';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** A running `bizmetrics gateway` process. */
export interface GatewayProcess {
  /** Base URL of the gateway; browsers send to `${url}/v1/metrics`. */
  readonly url: string;
  readonly pid: number;
  /** `host:port` of its Prometheus endpoint (when OTEL_METRICS_EXPORTER includes prometheus). */
  readonly metricsTarget: string;
  scrape(): Promise<string>;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM by pid, then waits for the exit; the exit code (0 for a clean stop). */
  stop(): Promise<number | null>;
}

/**
 * Starts the real standalone gateway, `bizmetrics gateway`, as its own process configured only by
 * environment variables, exactly as `pnpm bizmetrics gateway` runs it. By default it exposes the
 * summed metrics for a Prometheus scrape; `env` adds variables or overrides the defaults (e.g.
 * `OTEL_METRICS_EXPORTER: 'otlp'`), and `undefined` removes one.
 */
export async function startGatewayProcess(
  allowedOrigins: string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<GatewayProcess> {
  const metricsPort = await freePort();
  const merged: Record<string, string | undefined> = {
    PATH: process.env['PATH'],
    BIZMETRICS_GATEWAY_LISTEN: '127.0.0.1:0',
    BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: allowedOrigins.join(','),
    BIZMETRICS_GATEWAY_RATE_BURST: '100',
    OTEL_METRICS_EXPORTER: 'prometheus',
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
    OTEL_SERVICE_NAME: 'bizmetrics-gateway',
    ...env,
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--conditions=@bizmetrics/source',
      '--disable-warning=ExperimentalWarning',
      'packages/cli/src/main.ts',
      'gateway',
    ],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)),
    },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /accepting browser metrics on (http:\/\/\S+)\/v1\/metrics/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`gateway exited with ${code}:\n${output}`)));
  });
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  return {
    url,
    pid: child.pid!,
    metricsTarget: `127.0.0.1:${metricsPort}`,
    scrape: async () => (await fetch(metricsUrl)).text(),
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGTERM');
      return exited;
    },
  };
}
