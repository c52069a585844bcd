import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayHandler, type GatewayHandlerOptions } from './handler.ts';

/** Options for {@link startGateway}: the handler's options plus where to listen and connection limits. */
export interface GatewayOptions extends GatewayHandlerOptions {
  /** Interface to bind (default `127.0.0.1`; `0.0.0.0` only behind your own proxy or network policy). */
  readonly host?: string;
  /** Port (default 4319; 0 picks a free one). */
  readonly port?: number;
  /** Time a client has to send its request headers (default 10 000 ms): slow clients are cut off. */
  readonly headersTimeoutMs?: number;
  /** Time a client has to send its whole request (default 15 000 ms). */
  readonly requestTimeoutMs?: number;
  /** Open connections at most; more are closed at once (default 1 024). */
  readonly maxConnections?: number;
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
 * Starts the standalone browser gateway: the handler on `POST /v1/metrics` (OTLP/HTTP's path),
 * `GET /healthz` for probes, 404 elsewhere. Slow clients (slowloris) are cut off by the header and
 * request timeouts, checked every second, and the number of open connections is capped. The
 * metrics it sums leave through whatever exporters `options.metrics` records into.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const handler = createGatewayHandler(options);
  const server: Server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/v1/metrics') return handler(req, res);
    if (path === '/healthz' && req.method === 'GET') return void res.writeHead(200).end('ok\n');
    res
      .writeHead(404, { 'Content-Type': 'text/plain' })
      .end('not found: browsers send to POST /v1/metrics\n');
  });
  server.headersTimeout = options.headersTimeoutMs ?? 10_000;
  server.requestTimeout = options.requestTimeoutMs ?? 15_000;
  server.maxConnections = options.maxConnections ?? 1_024;
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
