// The checkout shop: the article's checkout and engagement flows on @bizmetrics/sdk.
// Configured only by environment variables: OTEL_* for metrics (default: Prometheus /metrics on
// localhost:9464), SHOP_* for the shop itself (see shop/env.ts). Run: corepack pnpm --filter @bizmetrics/example-shop start
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { startBizMetrics } from '@bizmetrics/sdk';
import { createShopApp } from './shop/app.ts';
import { shopCatalog } from './shop/catalog.ts';
import { readShopEnv } from './shop/env.ts';
import { createShopState } from './shop/state.ts';

const { env, biz } = configure();
const state = createShopState(env);
const builtWeb = resolve(import.meta.dirname, '../../web/dist');
const webDir = env.webDir ?? (existsSync(builtWeb) ? builtWeb : undefined);
const app = createShopApp({ biz, state, webDir });
const sweeper = setInterval(() => state.sweep(), 1000);

const server = app.listen(env.port, env.host, async () => {
  await biz.ready();
  const { port } = server.address() as AddressInfo;
  // One machine-readable line first: the demo waits for it.
  console.log(
    JSON.stringify({
      shop: `http://${env.host}:${port}`,
      metrics: biz.prometheusUrl ?? null,
      web: Boolean(webDir),
      pid: process.pid,
    }),
  );
  console.log(
    `shop: http://${env.host}:${port}${webDir ? '' : ' (web page not built: corepack pnpm --filter @bizmetrics/example-web build)'}`,
  );
  if (state.incident())
    console.log(`shop: incident ${state.incident()!.name}: ${state.incident()!.description}`);
});

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(sweeper);
  server.close();
  server.closeAllConnections();
  state.endAll();
  await biz.shutdown();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

/** Reads the environment; a bad value ends the shop with one line naming the variable. */
function configure() {
  try {
    return { env: readShopEnv(), biz: startBizMetrics({ catalog: shopCatalog, handleSignals: false }) };
  } catch (error) {
    console.error(`shop: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
