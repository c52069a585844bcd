import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBizMetrics } from '@bizmetrics/core';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
// TODO(switch to '@bizmetrics/sdk' once its index.ts exists)
import { createRelayHandler } from '../../../../packages/sdk/src/relay/index.ts';
import { serveApp } from './static-files.ts';

/** A running demo service: the page, the relay on `/v1/metrics` and its own `/metrics`. */
export interface AppServer {
  readonly url: string;
  readonly port: number;
  /** The service's Prometheus exposition, as a scrape would get it. */
  scrape(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The service a team runs: serves the built page, mounts the relay handler on `/v1/metrics` (same
 * origin, so no CORS preflight) and exposes its cumulative metrics on `/metrics`.
 */
export async function startAppServer(pageDir: string, options: { intervalMs: number }): Promise<AppServer> {
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ readers: [prometheus] });
  const metrics = createBizMetrics({ meter: provider.getMeter('shop') });
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const relay = createRelayHandler({
    metrics,
    allowedOrigins: [url],
    rateLimit: { burst: 100, perSecond: 10 },
  });
  const page = serveApp(pageDir, { endpoint: '/v1/metrics', intervalMs: options.intervalMs });
  server.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/v1/metrics') return relay(req, res);
    if (path === '/metrics') return prometheus.getMetricsRequestHandler(req, res);
    void page(req, res);
  });
  return {
    url,
    port,
    scrape: async () => (await fetch(`${url}/metrics`)).text(),
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await provider.shutdown();
    },
  };
}
