import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import {
  createServer as createH2Server,
  createSecureServer,
  type IncomingHttpHeaders as H2Headers,
} from 'node:http2';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  AggregationTemporality,
  type HistogramMetricData,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';

/** A reader that collects only when asked, for reading exact data points. */
export class OnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
  /** Everything collected now. */
  async read(): Promise<ResourceMetrics> {
    return (await this.collect()).resourceMetrics;
  }
  /** Sum or gauge value (histograms: count) of one metric's point with exactly these attributes. */
  async value(name: string, attributes: Record<string, string>): Promise<number | undefined> {
    const v = pointOf(await this.read(), name, attributes)?.value;
    return typeof v === 'number' ? v : (v as { count?: number } | undefined)?.count;
  }
  /** A histogram point's boundaries, bucket counts, count and sum. */
  async histogram(name: string, attributes: Record<string, string>) {
    const v = pointOf(await this.read(), name, attributes)?.value as
      | HistogramMetricData['dataPoints'][number]['value']
      | undefined;
    return v && { boundaries: v.buckets.boundaries, counts: v.buckets.counts, count: v.count, sum: v.sum };
  }
}

function pointOf(rm: ResourceMetrics, name: string, attributes: Record<string, string>) {
  const metric = rm.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
  return metric?.dataPoints.find(
    (p: { attributes: Record<string, unknown> }) =>
      Object.keys(p.attributes).length === Object.keys(attributes).length &&
      Object.entries(attributes).every(([k, v]) => p.attributes[k] === v),
  );
}

/** A free TCP port on 127.0.0.1: the local stack's, the one copy in the repository. */
export { freePort } from '@bizmetrics/local-stack';

/** One request a receiver got. */
export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** With TLS: the common name of the client certificate, when one was presented. */
  readonly clientCommonName?: string | undefined;
}

/** PEM contents for a TLS receiver; with `ca`, clients must present a certificate it signed. */
export interface ReceiverTls {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca?: Buffer;
}

/** A tiny OTLP/HTTP receiver: records requests; `hang` makes it never answer, `status` sets the answer. */
export interface Receiver {
  readonly url: string;
  readonly requests: Received[];
  readonly bodies: Buffer[];
  readonly server: Server | HttpsServer;
  hang: boolean;
  status: number;
  close(): Promise<void>;
}

/**
 * Starts a receiver on 127.0.0.1 (on `port` when given, to bring a dead endpoint back); with `tls`
 * it serves https:// (and requires a client certificate when `tls.ca` is given).
 */
export async function startReceiver(port = 0, tls?: ReceiverTls): Promise<Receiver> {
  const requests: Received[] = [];
  let hang = false;
  let status = 200;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const socket = req.socket as TLSSocket;
      const clientCommonName = tls
        ? (socket.getPeerCertificate?.().subject?.CN as string | undefined)
        : undefined;
      requests.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        clientCommonName,
      });
      if (hang) return;
      res.writeHead(status, { 'content-type': req.headers['content-type'] ?? 'application/x-protobuf' });
      res.end();
    });
  };
  const server = tls
    ? createHttpsServer(
        {
          cert: tls.cert,
          key: tls.key,
          ...(tls.ca && { ca: tls.ca, requestCert: true, rejectUnauthorized: true }),
        },
        handler,
      )
    : createServer(handler);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const address = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${address.port}/v1/metrics`,
    requests,
    server,
    get status() {
      return status;
    },
    set status(value: number) {
      status = value;
    },
    get bodies() {
      return requests.map((r) => r.body);
    },
    get hang() {
      return hang;
    },
    set hang(value: boolean) {
      hang = value;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * A tiny OTLP/gRPC receiver on HTTP/2 (with `tls`: over TLS, requiring a client certificate when
 * `tls.ca` is given): answers every call with an empty message and grpc-status 0, and records the
 * paths, headers (the call's metadata) and bodies it got.
 */
export async function startGrpcReceiver(tls?: ReceiverTls) {
  const requests: Array<{ path: string; contentType: string; headers: H2Headers; body: Buffer }> = [];
  const server = tls
    ? createSecureServer({
        cert: tls.cert,
        key: tls.key,
        ...(tls.ca && { ca: tls.ca, requestCert: true, rejectUnauthorized: true }),
      })
    : createH2Server();
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      requests.push({
        path: String(headers[':path']),
        contentType: String(headers['content-type']),
        headers,
        body: Buffer.concat(chunks),
      });
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(Buffer.from([0, 0, 0, 0, 0])); // one empty, uncompressed message
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Waits until `check` is true, polling every 20 ms, or fails after `ms`. */
export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
