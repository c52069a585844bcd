import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny scrape target serving Prometheus text on `/metrics`. */
export interface MetricsTarget {
  /** `127.0.0.1:port`, as a Prometheus target. */
  readonly target: string;
  /** Replaces the exposition text. */
  set(text: string): void;
  close(): Promise<void>;
}

/** Serves `text` at `/metrics` on a free loopback port. */
export async function serveMetrics(text: string): Promise<MetricsTarget> {
  let body = text;
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    set: (next) => {
      body = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
