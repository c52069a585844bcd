import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BizMetrics } from '@bizmetrics/core';
import { createGatewayHandler } from '@bizmetrics/gateway';
import express, { type Express, type RequestHandler } from 'express';
import { shopCatalog } from './catalog.ts';
import { checkoutRouter } from './checkout.ts';
import { engagementRouter } from './engagement.ts';
import { INCIDENTS, isIncidentName } from './incidents.ts';
import type { ShopState } from './state.ts';

/** Options for {@link createShopApp}. */
export interface ShopAppOptions {
  readonly biz: BizMetrics;
  readonly state: ShopState;
  /** A built static site served at `/` with index.html for unknown paths (the web example). */
  readonly webDir?: string | undefined;
}

/**
 * The shop's HTTP app: `/api/checkout`, `/api/sessions`, `/api/incident` (GET, PUT `{ name }`,
 * DELETE), `/healthz`, the browser gateway handler at `/v1/metrics`, and the web page when built.
 */
export function createShopApp(options: ShopAppOptions): Express {
  const { biz, state } = options;
  const app = express();
  app.use(requestDuration(biz));
  // The gateway handler reads the raw OTLP body itself, so it is mounted before any body parser.
  const gateway = createGatewayHandler({ metrics: biz, allowedOrigins: '*' });
  app.post('/v1/metrics', gateway);
  app.options('/v1/metrics', gateway);

  const api = express.Router();
  api.use(express.json({ limit: '16kb' }));
  api.use('/checkout', checkoutRouter(biz, state));
  api.use('/sessions', engagementRouter(biz, state));
  api.get('/incident', (_req, res) => {
    res.json({ incident: state.incident()?.name ?? null });
  });
  api.put('/incident', (req, res) => {
    const name = req.body?.name;
    if (!isIncidentName(name)) {
      res.status(400).json({ error: `name must be one of ${Object.keys(INCIDENTS).join(', ')}` });
      return;
    }
    state.setIncident(name);
    res.json({ incident: name });
  });
  api.delete('/incident', (_req, res) => {
    state.setIncident(undefined);
    res.json({ incident: null });
  });
  app.use('/api', api);
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, incident: state.incident()?.name ?? null });
  });

  if (options.webDir && existsSync(join(options.webDir, 'index.html'))) {
    const webDir = options.webDir;
    app.use(express.static(webDir));
    app.get('/{*path}', (_req, res) => res.sendFile(join(webDir, 'index.html')));
  }
  return app;
}

/** Records every request's duration by method, route pattern (never the raw URL) and status. */
function requestDuration(biz: BizMetrics): RequestHandler {
  const histogram = biz.histogram(shopCatalog.httpDuration);
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      histogram.record(Number(process.hrtime.bigint() - start) / 1e9, {
        http_request_method: req.method,
        http_route: route,
        http_response_status_code: String(res.statusCode),
      });
    });
    next();
  };
}
