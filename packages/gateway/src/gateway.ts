import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayHandler, type GatewayHandlerOptions } from './handler.ts';

/** Options for {@link startGateway}: the gateway's options plus where to listen. */
export interface GatewayOptions extends GatewayHandlerOptions {
  /** Interface to bind (default `127.0.0.1`; `0.0.0.0` only behind your own proxy or network policy). */
  readonly host?: string;
  /** Port (default 4319; 0 picks a free one). */
  readonly port?: number;
}

/** A running standalone gateway. */
export interface Gateway {
  /** Base URL; browsers send to `${url}/v1/metrics`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting requests and waits for open ones to finish. */
  close(): Promise<void>;
}

/**
 * Starts the standalone browser gateway: the gateway handler on `POST /v1/metrics` (OTLP/HTTP's
 * path), `GET /healthz` for probes, 404 elsewhere. The metrics it sums leave through whatever
 * exporters `options.metrics` records into (the SDK's scrape endpoint or OTLP push).
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const gateway = createGatewayHandler(options);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/v1/metrics') return gateway(req, res);
    if (path === '/healthz' && req.method === 'GET') return void res.writeHead(200).end('ok\n');
    res
      .writeHead(404, { 'Content-Type': 'text/plain' })
      .end('not found: browsers send to POST /v1/metrics\n');
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4319, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** Client key behind a trusted reverse proxy: the address the proxy appended last to X-Forwarded-For. */
export function forwardedClientKey(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
  const last = list[list.length - 1]?.trim();
  return last || req.socket.remoteAddress || 'unknown';
}
