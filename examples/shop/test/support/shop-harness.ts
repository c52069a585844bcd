import type { AddressInfo } from 'node:net';
import { freePort } from '@bizmetrics/local-stack';
import { startBizMetrics } from '@bizmetrics/sdk';
import { parseExposition, type Sample } from '../../src/demo/exposition.ts';
import { createShopApp } from '../../src/shop/app.ts';
import { shopCatalog } from '../../src/shop/catalog.ts';
import type { IncidentName } from '../../src/shop/incidents.ts';
import { createShopState } from '../../src/shop/state.ts';

/** The real shop app and SDK in this process, on free loopback ports. */
export interface ShopHarness {
  readonly url: string;
  /** Sum of the samples of `name` whose labels include `match`. */
  total(name: string, match?: Readonly<Record<string, string>>): Promise<number>;
  samples(): Promise<Sample[]>;
  close(): Promise<void>;
}

/**
 * Starts the shop with `incident` active, no payment timeout wait, its own Prometheus endpoint, and
 * `webDir` served at `/` when given.
 */
export async function startShop(incident?: IncidentName, webDir?: string): Promise<ShopHarness> {
  const metricsPort = await freePort();
  const biz = startBizMetrics({
    catalog: shopCatalog,
    handleSignals: false,
    mode: 'strict',
    env: {
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
    },
  });
  await biz.ready();
  const state = createShopState({ seed: 3, idleSeconds: 60, paymentTimeoutMs: 0, incident });
  const server = createShopApp({ biz, state, webDir }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const samples = async () => parseExposition(await (await fetch(biz.prometheusUrl!)).text());
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    samples,
    async total(name, match = {}) {
      return (await samples())
        .filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v))
        .reduce((sum, s) => sum + s.value, 0);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await biz.shutdown();
    },
  };
}
