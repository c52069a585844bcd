import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, REPO_ROOT } from '@bizmetrics/local-stack';
import { type Progress, scrape, sumOf, type Target } from './target.ts';

/** The origin the batches claim, as a browser's `fetch` would send it. */
const ORIGIN = 'https://shop.example';
const READY = /accepting browser metrics on (http:\/\/\S+)\/v1\/metrics; sums on (http:\/\/\S+\/metrics)/;

/**
 * The standalone browser gateway exactly as `pnpm bizmetrics gateway` runs it (packages/cli, from
 * source, configured by environment only), its sums on a Prometheus endpoint nobody scrapes during
 * the run — as the collector's `prometheus` exporter. The rate limits (per client and global) and the
 * per-request event limit are raised out of the way (every request comes from one address here; the
 * buckets are still consulted); origins, body limit (64 KiB)
 * and every validation are the defaults. Progress is the gateway's own `bizmetrics.gateway.requests`
 * by outcome, times the points in each request.
 */
export async function gatewayTarget(
  pointsPerRequest: number,
  nodeFlags: readonly string[] = [],
): Promise<Target> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...nodeFlags,
      '--conditions=@bizmetrics/source',
      '--disable-warning=ExperimentalWarning',
      join(REPO_ROOT, 'packages/cli/src/main.ts'),
      'gateway',
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env['PATH'],
        BIZMETRICS_GATEWAY_LISTEN: '127.0.0.1:0',
        BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: ORIGIN,
        BIZMETRICS_GATEWAY_RATE_BURST: '1000000000',
        BIZMETRICS_GATEWAY_RATE_PER_SECOND: '1000000000',
        BIZMETRICS_GATEWAY_GLOBAL_RATE_BURST: '1000000000',
        BIZMETRICS_GATEWAY_GLOBAL_RATE_PER_SECOND: '1000000000',
        // The 100-point batches carry about 950 events; the default per-request limit is 1000.
        BIZMETRICS_GATEWAY_MAX_EVENTS: '100000',
        // The batches hold up to 640 label sets per metric; the browser budget's default is 200 (the
        // rest would be folded into `other`, counted): raised to the catalog's own limits, so the
        // gateway keeps every series the collector keeps.
        BIZMETRICS_GATEWAY_SERIES_LIMIT: '100000',
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()),
        OTEL_SERVICE_NAME: 'bizmetrics-gateway',
      },
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const ready = new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bizmetrics gateway did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve([match[1]!, match[2]!]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`bizmetrics gateway exited:\n${output}`)));
  });
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let url: string;
  let metricsUrl: string;
  try {
    [url, metricsUrl] = await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  const progress = async (): Promise<Progress> => {
    const text = await scrape(metricsUrl);
    const accepted = sumOf(text, 'bizmetrics_gateway_requests', 'outcome="accepted"') * pointsPerRequest;
    const rejected = sumOf(text, 'bizmetrics_gateway_requests', 'outcome="rejected"') * pointsPerRequest;
    return { accepted, done: accepted, failed: rejected };
  };
  return {
    pid: child.pid!,
    url: `${url}/v1/metrics`,
    headers: { origin: ORIGIN },
    temporality: 'delta',
    progress,
    // A request is answered after its deltas are added: nothing is left when the sender is done.
    drained: async () => {},
    stop,
  };
}
