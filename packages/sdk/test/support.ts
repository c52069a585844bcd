import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AggregationTemporality, MetricReader } from '@opentelemetry/sdk-metrics';

/** A reader that collects only when asked, for reading exact data points. */
export class OnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
  /** Sum or gauge value of one metric's point with exactly these attributes. */
  async value(name: string, attributes: Record<string, string>): Promise<number | undefined> {
    const { resourceMetrics } = await this.collect();
    const metric = resourceMetrics.scopeMetrics
      .flatMap((s) => s.metrics)
      .find((m) => m.descriptor.name === name);
    const point = metric?.dataPoints.find(
      (p) =>
        Object.keys(p.attributes).length === Object.keys(attributes).length &&
        Object.entries(attributes).every(([k, v]) => p.attributes[k] === v),
    );
    const v = point?.value;
    return typeof v === 'number' ? v : (v as { count?: number } | undefined)?.count;
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A tiny HTTP server that records the requests it receives (a stand-in OTLP receiver). */
export async function startReceiver(): Promise<{ url: string; bodies: Buffer[]; server: Server }> {
  const bodies: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/metrics`, bodies, server };
}
