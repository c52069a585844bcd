import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveApp } from './static-files.ts';

/** A static site serving the built page; `endpoint` (the gateway on another origin) can be set later. */
export async function startSite(pageDir: string, intervalMs: number) {
  const config = { endpoint: '/v1/metrics', intervalMs };
  const server: Server = createServer(serveApp(pageDir, config));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setEndpoint(endpoint: string) {
      config.endpoint = endpoint;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
