import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  collectorConfigFiles,
  eventually,
  freePort,
  makeTestCertificates,
  REPO_ROOT,
  type RunningCollector,
  type RunningServer,
  startCollector,
  startPrometheus,
} from '@bizmetrics/local-stack';
import { isAlive, type TestCertificates } from '@bizmetrics/local-stack/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectKpis, waitForRuns } from './kpis.ts';
import { type Service, startService } from './service.ts';

/**
 * Auth, TLS and compression between the SDK and our collector, for real: the workload service
 * configured only by OTEL_* variables, our collector build on the shipped configs (base + catalog
 * [+ tls.yaml] + exporters/otlp-http.yaml) forwarding to one Prometheus 3 OTLP receiver. Each sender
 * has its own service.name, so its series are told apart by `job`.
 *
 * Accepted senders must deliver the workload's exact KPIs. Refused senders (no or a wrong bearer
 * token, a server certificate they cannot verify, no client certificate for mutual TLS) must keep
 * serving, log one line naming the endpoint and the cause however many exports fail, and leave
 * nothing in Prometheus.
 */

type CollectorName = 'plain' | 'tls' | 'mtls';

interface Case {
  /** The service.name, so the `job` its series carry. */
  readonly name: string;
  /** plain: base.yaml as shipped; tls: + tls.yaml; mtls: + tls.yaml with a client CA. */
  readonly collector: CollectorName;
  /** OTEL_* variables beyond the exporter, interval and service name; built once the servers run. */
  readonly env: () => Record<string, string>;
  /** Absent: the sender is accepted. Present: what its one log line must say after the endpoint. */
  readonly refused?: (endpoint: string) => RegExp;
}

let certs: TestCertificates;
let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
const collectors = {} as Record<CollectorName, RunningCollector>;
const servers: RunningServer[] = [];
const services = new Map<string, Service>();
/** The SDK's own /metrics on each service (the Prometheus exporter next to OTLP), to count failed exports. */
const selfMetrics = new Map<string, string>();

const https = (hostPort: string | undefined) => `https://${hostPort}`;
const grpcTls = (c: RunningCollector) => https(c.env['BIZMETRICS_OTLP_GRPC_ENDPOINT']);
const httpTls = (c: RunningCollector) => https(c.env['BIZMETRICS_OTLP_HTTP_ENDPOINT']);
const ca = () => ({ OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile });
const clientCert = () => ({
  OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: certs.clientCertFile,
  OTEL_EXPORTER_OTLP_CLIENT_KEY: certs.clientKeyFile,
});
const grpc = { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' };
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const unauthorized = (endpoint: string) =>
  new RegExp(
    `^bizmetrics: export to ${literal(endpoint)} failing: HTTP 401 Unauthorized — the endpoint refused the credentials: check the Authorization header in OTEL_EXPORTER_OTLP_HEADERS; \\d+ failures since \\S+$`,
  );
const untrusted = (endpoint: string) =>
  new RegExp(
    `^bizmetrics: export to ${literal(endpoint)} failing: .*unable to verify the first certificate.* — the server's certificate is not trusted: OTEL_EXPORTER_OTLP_CERTIFICATE names the CA file that signed it; \\d+ failures since \\S+$`,
  );
const noClientCertificate = (endpoint: string) =>
  new RegExp(
    `^bizmetrics: export to ${literal(endpoint)} failing: .*certificate required.* — the server requires a client certificate it trusts: OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE and OTEL_EXPORTER_OTLP_CLIENT_KEY; \\d+ failures since \\S+$`,
  );

const CASES: readonly Case[] = [
  // bearertokenauth on the external receiver (OTLP/HTTP only)
  {
    name: 'auth-no-token',
    collector: 'plain',
    env: () => ({ OTEL_EXPORTER_OTLP_ENDPOINT: collectors.plain.externalUrl }),
    refused: unauthorized,
  },
  {
    name: 'auth-wrong-token',
    collector: 'plain',
    env: () => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: collectors.plain.externalUrl,
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20not-the-token',
    }),
    refused: unauthorized,
  },
  {
    name: 'auth-token',
    collector: 'plain',
    env: () => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: collectors.plain.externalUrl,
      // The spec's format: URL-encoded values, so the space of "Bearer <token>" is %20.
      OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer%20${encodeURIComponent(collectors.plain.token)}`,
    }),
  },
  // gzip on the in-cluster receivers
  {
    name: 'gzip-http',
    collector: 'plain',
    env: () => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: collectors.plain.otlpHttpUrl,
      OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
    }),
  },
  {
    name: 'gzip-grpc',
    collector: 'plain',
    env: () => ({
      ...grpc,
      OTEL_EXPORTER_OTLP_ENDPOINT: collectors.plain.otlpGrpcUrl,
      OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
    }),
  },
  // TLS (tls.yaml, no client CA)
  {
    name: 'tls-http',
    collector: 'tls',
    env: () => ({ OTEL_EXPORTER_OTLP_ENDPOINT: httpTls(collectors.tls), ...ca() }),
  },
  {
    name: 'tls-grpc',
    collector: 'tls',
    env: () => ({ ...grpc, OTEL_EXPORTER_OTLP_ENDPOINT: grpcTls(collectors.tls), ...ca() }),
  },
  {
    name: 'tls-http-no-ca',
    collector: 'tls',
    env: () => ({ OTEL_EXPORTER_OTLP_ENDPOINT: httpTls(collectors.tls) }),
    refused: untrusted,
  },
  {
    name: 'tls-grpc-no-ca',
    collector: 'tls',
    env: () => ({ ...grpc, OTEL_EXPORTER_OTLP_ENDPOINT: grpcTls(collectors.tls) }),
    refused: untrusted,
  },
  // mutual TLS (tls.yaml with BIZMETRICS_TLS_CLIENT_CA_FILE)
  {
    name: 'mtls-http',
    collector: 'mtls',
    env: () => ({ OTEL_EXPORTER_OTLP_ENDPOINT: httpTls(collectors.mtls), ...ca(), ...clientCert() }),
  },
  {
    name: 'mtls-grpc',
    collector: 'mtls',
    env: () => ({ ...grpc, OTEL_EXPORTER_OTLP_ENDPOINT: grpcTls(collectors.mtls), ...ca(), ...clientCert() }),
  },
  {
    name: 'mtls-http-no-client-cert',
    collector: 'mtls',
    env: () => ({ OTEL_EXPORTER_OTLP_ENDPOINT: httpTls(collectors.mtls), ...ca() }),
    refused: noClientCertificate,
  },
  {
    name: 'mtls-grpc-no-client-cert',
    collector: 'mtls',
    env: () => ({ ...grpc, OTEL_EXPORTER_OTLP_ENDPOINT: grpcTls(collectors.mtls), ...ca() }),
    refused: noClientCertificate,
  },
];
const ACCEPTED = CASES.filter((c) => !c.refused);
const REFUSED = CASES.filter((c) => c.refused);

/** The endpoint the SDK resolves (and logs) for a case: the generic variable plus /v1/metrics, or the gRPC URL. */
function loggedEndpoint(env: Record<string, string>): string {
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT']!;
  return env['OTEL_EXPORTER_OTLP_PROTOCOL'] === 'grpc' ? new URL(base).href : `${base}/v1/metrics`;
}

/** `bizmetrics_export_failures_total{exporter="otlp"}` on the service's own /metrics. */
async function failedExports(name: string): Promise<number> {
  const text = await (await fetch(selfMetrics.get(name)!, { signal: AbortSignal.timeout(10_000) })).text();
  const line = text.split('\n').find((l) => l.startsWith('bizmetrics_export_failures_total{'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Every series Prometheus ever stored for this job (the series API, whole retention). */
async function seriesOfJob(job: string): Promise<unknown[]> {
  const url = new URL('/api/v1/series', prometheus.url);
  url.searchParams.set('match[]', `{job="${job}"}`);
  url.searchParams.set('start', '0');
  const body = (await (await fetch(url, { signal: AbortSignal.timeout(10_000) })).json()) as {
    status: string;
    data: unknown[];
  };
  expect(body.status).toBe('success');
  return body.data;
}

/** The one line each refused sender logged, printed at the end. */
const logged: string[] = [];
const exportLines = (s: Service) =>
  s
    .output()
    .split('\n')
    .filter((l) => l.includes('bizmetrics: export to'));

beforeAll(async () => {
  certs = await makeTestCertificates();
  prometheus = await startPrometheus({ otlpReceiver: true });
  servers.push(prometheus);
  // The collectors forward with the shipped otlp-http overlay; it appends /v1/metrics itself.
  const forward = { BIZMETRICS_OTLP_EXPORT_ENDPOINT: prometheus.otlpUrl.replace(/\/v1\/metrics$/, '') };
  const shipped = collectorConfigFiles('otlp-http');
  const withTls = [...shipped.slice(0, -1), join(REPO_ROOT, 'collector', 'tls.yaml'), shipped.at(-1)!];
  const serverTls = {
    BIZMETRICS_TLS_CERT_FILE: certs.serverCertFile,
    BIZMETRICS_TLS_KEY_FILE: certs.serverKeyFile,
  };
  collectors.plain = await startCollector({ configFiles: shipped, env: forward });
  servers.push(collectors.plain);
  collectors.tls = await startCollector({ configFiles: withTls, env: { ...forward, ...serverTls } });
  servers.push(collectors.tls);
  collectors.mtls = await startCollector({
    configFiles: withTls,
    env: { ...forward, ...serverTls, BIZMETRICS_TLS_CLIENT_CA_FILE: certs.caFile },
  });
  servers.push(collectors.mtls);

  // Refused senders first: by the time the accepted ones' data has crossed the same collectors, anything
  // a refused sender got through would have arrived too.
  const start = async (c: Case) => {
    const port = await freePort();
    const service = await startService({
      OTEL_METRICS_EXPORTER: 'otlp,prometheus',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
      OTEL_SERVICE_NAME: c.name,
      ...c.env(),
    });
    services.set(c.name, service);
    selfMetrics.set(c.name, `http://127.0.0.1:${port}/metrics`);
    expect((await service.run()).runs).toBe(1);
  };
  // Three at a time: two cores, and each is a Node process compiling the SDK from source.
  for (const group of [REFUSED, ACCEPTED])
    for (let i = 0; i < group.length; i += 3) await Promise.all(group.slice(i, i + 3).map(start));
});

afterAll(async () => {
  const pids = [...[...services.values()].map((s) => s.child.pid!), ...servers.map((s) => s.pid)];
  for (const s of services.values()) await s.terminate();
  for (const s of [...servers].reverse()) await s.stop();
  if (certs) await rm(certs.dir, { recursive: true, force: true });
  for (const pid of pids) expect(isAlive(pid), `pid ${pid} still running`).toBe(false);
  console.log(`what each refused sender logged:\n${logged.join('\n')}`);
});

describe('the external receiver’s bearer token, on our collector build', () => {
  it('answers HTTP 401 to a request with no token and with a wrong one, 200 with the token', async () => {
    const post = async (authorization?: string) =>
      (
        await fetch(`${collectors.plain.externalUrl}/v1/metrics`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-protobuf',
            ...(authorization && { authorization }),
          },
          body: new Uint8Array(0),
          signal: AbortSignal.timeout(10_000),
        })
      ).status;
    expect(await post()).toBe(401);
    expect(await post('Bearer not-the-token')).toBe(401);
    expect(await post(`Bearer ${collectors.plain.token}`)).toBe(200);
  });
});

describe('refused senders keep serving, log one line, and nothing of theirs is ingested', () => {
  it.each(REFUSED.map((c) => [c.name, c.collector, c] as const))('%s (%s collector)', async (name, _, c) => {
    const service = services.get(name)!;
    // Several exports fail (counted by the SDK itself, read from its own /metrics)...
    let failures = 0;
    await eventually(async () => {
      failures = await failedExports(name);
      return failures >= 3;
    }, 60_000);
    expect(failures).toBeGreaterThanOrEqual(3);
    // ...and the service still answers and records, with no exception reaching it.
    expect((await service.run()).runs).toBe(2);
    expect(isAlive(service.child.pid!)).toBe(true);
    expect(service.output()).not.toMatch(/UNHANDLED REJECTION|Uncaught|\n\s+at /);
    // One line, naming the endpoint and the cause, for all those failures (then at most one a minute).
    const lines = exportLines(service);
    expect(lines, service.output()).toHaveLength(1);
    expect(lines[0]).toMatch(c.refused!(loggedEndpoint(c.env())));
    logged.push(`${name} (${failures} failed exports): ${lines[0]}`);
  });
});

describe('accepted senders: the workload’s exact KPIs in Prometheus 3, through our collector', () => {
  it.each(ACCEPTED.map((c) => [c.name, c.collector] as const))('%s (%s collector)', async (name) => {
    expectKpis(await waitForRuns(prometheus.url, 1, `job="${name}"`, 60_000), 1);
    expect(exportLines(services.get(name)!)).toEqual([]);
  });

  it('left nothing in Prometheus from any refused sender, while every accepted one is there', async () => {
    for (const c of ACCEPTED) expect((await seriesOfJob(c.name)).length, c.name).toBeGreaterThan(0);
    for (const c of REFUSED) expect(await seriesOfJob(c.name), c.name).toEqual([]);
  });
});
