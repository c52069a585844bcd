import { createBizMetrics } from '@bizmetrics/core';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
// TODO(switch to '@bizmetrics/sdk' once its index.ts exists)
import { startGateway } from '../../../../packages/sdk/src/relay/index.ts';

/** The standalone gateway on loopback, its sums exposed by a Prometheus exporter on another port. */
export async function startStandaloneGateway(allowedOrigins: string[]) {
  const prometheus = new PrometheusExporter({ host: '127.0.0.1', port: 0 });
  await prometheus.startServer();
  const provider = new MeterProvider({ readers: [prometheus] });
  const gateway = await startGateway({
    metrics: createBizMetrics({ meter: provider.getMeter('bizmetrics.gateway') }),
    allowedOrigins,
    port: 0,
    rateLimit: { burst: 100, perSecond: 10 },
  });
  const address = (prometheus as unknown as { _server: import('node:http').Server })._server.address();
  const metricsUrl = `http://127.0.0.1:${(address as import('node:net').AddressInfo).port}/metrics`;
  return {
    url: gateway.url,
    metricsUrl,
    scrape: async () => (await fetch(metricsUrl)).text(),
    close: async () => {
      await gateway.close();
      await provider.shutdown();
    },
  };
}
