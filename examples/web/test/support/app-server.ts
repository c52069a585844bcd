import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayHandler } from '@bizmetrics/gateway';
import { freePort } from '@bizmetrics/local-stack';
import { type BizMetricsHandle, startBizMetrics } from '@bizmetrics/sdk';
import { type PageConfig, serveApp } from './static-files.ts';

/** A running demo service: the page, the gateway handler on `/v1/metrics`, and the SDK's own `/metrics`. */
export interface AppServer {
  readonly url: string;
  /** `host:port` of the SDK's Prometheus endpoint, for a scrape config. */
  readonly metricsTarget: string;
  /** The service's own business API (server-side recording beside the browsers'). */
  readonly metrics: BizMetricsHandle;
  /** The service's Prometheus exposition, as a scrape gets it. */
  scrape(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The service a team runs: `startBizMetrics` configured by OTEL_* variables only (Prometheus
 * exporter on loopback), the built page, and the gateway handler on `/v1/metrics` of the same origin
 * (so no CORS preflight), summing browser deltas into the service's own metrics.
 */
export async function startAppServer(
  pageDir: string,
  options: Omit<PageConfig, 'endpoint'>,
): Promise<AppServer> {
  const metricsPort = await freePort();
  const sdk: BizMetricsHandle = startBizMetrics({
    env: {
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
      OTEL_SERVICE_NAME: 'shop',
    },
    handleSignals: false,
  });
  await sdk.ready();
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gateway = createGatewayHandler({
    metrics: sdk,
    allowedOrigins: [url],
    rateLimit: { burst: 100, perSecond: 10 },
  });
  const page = serveApp(pageDir, { ...options, endpoint: '/v1/metrics' });
  server.on('request', (req, res) => {
    if ((req.url ?? '/').split('?')[0] === '/v1/metrics') return gateway(req, res);
    void page(req, res);
  });
  return {
    url,
    metricsTarget: `127.0.0.1:${metricsPort}`,
    metrics: sdk,
    scrape: async () => (await fetch(sdk.prometheusUrl!)).text(),
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await sdk.shutdown();
    },
  };
}
