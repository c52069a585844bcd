import { readFile, rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { makeTestCertificates } from '@bizmetrics/local-stack';
import type { TestCertificates } from '@bizmetrics/local-stack/support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeExportError } from '../src/export/failure-log.ts';
import { type BizMetricsHandle, startBizMetrics } from '../src/index.ts';
import { type Receiver, type ReceiverTls, startGrpcReceiver, startReceiver, until } from './support.ts';

// The SDK reads these from its `env` option and passes them to the exporter itself: none of them is
// in process.env, so every case below would fail if the exporter packages' own reading were used.
let certs: TestCertificates;
let serverTls: ReceiverTls;
let mutualTls: ReceiverTls;
beforeAll(async () => {
  certs = await makeTestCertificates();
  const [ca, cert, key] = await Promise.all(
    [certs.caFile, certs.serverCertFile, certs.serverKeyFile].map((f) => readFile(f)),
  );
  serverTls = { cert: cert!, key: key! };
  mutualTls = { cert: cert!, key: key!, ca: ca! };
});
afterAll(() => rm(certs.dir, { recursive: true, force: true }));

let biz: BizMetricsHandle | undefined;
let receiver: Receiver | undefined;
let grpc: Awaited<ReturnType<typeof startGrpcReceiver>> | undefined;
afterEach(async () => {
  await biz?.shutdown();
  await receiver?.close();
  await grpc?.close();
  biz = receiver = grpc = undefined;
});

/** Starts the SDK on `env` (OTLP exporter, long interval) and flushes one marked feature use `times` times. */
async function exportTimes(env: Record<string, string>, times = 1) {
  const logs: string[] = [];
  biz = startBizMetrics({
    env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_INTERVAL: '600000', ...env },
    handleSignals: false,
    log: (m) => logs.push(m),
  });
  for (let i = 0; i < times; i++) {
    biz.featureUsed({ feature: 'transport-marker', user_tier: 'free', new_user: false });
    await expect(biz.forceFlush()).resolves.toBeUndefined();
  }
  return logs;
}

const clientTls = () => ({
  OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
  OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: certs.clientCertFile,
  OTEL_EXPORTER_OTLP_CLIENT_KEY: certs.clientKeyFile,
});

/** The payload of the first gRPC message of a call body: 1 flag byte (compressed?), 4 length bytes. */
function grpcMessage(body: Buffer): { compressed: boolean; payload: Buffer } {
  return { compressed: body[0] === 1, payload: body.subarray(5, 5 + body.readUInt32BE(1)) };
}

describe('OTLP over TLS, with compression, and refused', () => {
  it('http/protobuf: mutual TLS with the CA, client certificate and key from the variables', async () => {
    receiver = await startReceiver(0, mutualTls);
    const logs = await exportTimes({ OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url, ...clientTls() });
    expect(logs).toEqual([]);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.clientCommonName).toBe('bizmetrics test client');
    expect(receiver.requests[0]!.body.includes('transport-marker')).toBe(true);
  });

  it('grpc: mutual TLS, and the headers arrive as call metadata', async () => {
    grpc = await startGrpcReceiver(mutualTls);
    const logs = await exportTimes({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_ENDPOINT: grpc.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20s3cret',
      ...clientTls(),
    });
    expect(logs).toEqual([]);
    await until(() => grpc!.requests.length > 0);
    expect(grpc.requests[0]!.headers.authorization).toBe('Bearer s3cret');
    expect(grpcMessage(grpc.requests[0]!.body).payload.includes('transport-marker')).toBe(true);
  });

  it('http/protobuf: gzip bodies with OTEL_EXPORTER_OTLP_COMPRESSION=gzip', async () => {
    receiver = await startReceiver();
    await exportTimes({
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
    });
    const request = receiver.requests[0]!;
    expect(request.headers['content-encoding']).toBe('gzip');
    expect(request.body.includes('transport-marker')).toBe(false);
    expect(gunzipSync(request.body).includes('transport-marker')).toBe(true);
  });

  it('grpc: gzip-compressed messages with OTEL_EXPORTER_OTLP_METRICS_COMPRESSION=gzip', async () => {
    grpc = await startGrpcReceiver();
    await exportTimes({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_ENDPOINT: grpc.url,
      OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: 'gzip',
    });
    await until(() => grpc!.requests.length > 0);
    const call = grpc.requests[0]!;
    expect(call.headers['grpc-encoding']).toBe('gzip');
    const message = grpcMessage(call.body);
    expect(message.compressed).toBe(true);
    expect(gunzipSync(message.payload).includes('transport-marker')).toBe(true);
  });

  it('a refused token: one line naming the endpoint, HTTP 401 and the setting, however many exports fail', async () => {
    receiver = await startReceiver();
    receiver.status = 401;
    const logs = await exportTimes({ OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url }, 5);
    expect(receiver.requests).toHaveLength(5);
    expect(logs).toEqual([
      `bizmetrics: export to ${receiver.url} failing: HTTP 401 Unauthorized — the endpoint refused the credentials: check the Authorization header in OTEL_EXPORTER_OTLP_HEADERS; 1 failures since ${logs[0]!.split(' since ')[1]}`,
    ]);
  });

  it('an untrusted server certificate (no CA given): one line naming the endpoint, the cause and the setting', async () => {
    receiver = await startReceiver(0, serverTls);
    const logs = await exportTimes({ OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url }, 3);
    expect(receiver.requests).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(
      new RegExp(
        `^bizmetrics: export to ${receiver.url} failing: unable to verify the first certificate.*\\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\) — the server's certificate is not trusted: OTEL_EXPORTER_OTLP_CERTIFICATE names the CA file that signed it; 1 failures since \\S+$`,
      ),
    );
  });

  it('mutual TLS without a client certificate: one line on one line, naming the missing settings', async () => {
    grpc = await startGrpcReceiver(mutualTls);
    const logs = await exportTimes(
      {
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_ENDPOINT: grpc.url,
        OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
      },
      3,
    );
    expect(grpc.requests).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).not.toContain('\n');
    expect(logs[0]).toMatch(
      new RegExp(
        `^bizmetrics: export to ${grpc.url}/ failing: 14 UNAVAILABLE: .*certificate required.* — the server requires a client certificate it trusts: OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE and OTEL_EXPORTER_OTLP_CLIENT_KEY; 1 failures since \\S+$`,
      ),
    );
  });
});

describe('describeExportError', () => {
  it("cuts OpenSSL's report to its reason and keeps Node's error code", () => {
    const error = Object.assign(
      new Error(
        '40CD01CF537F0000:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:918:SSL alert number 116\n',
      ),
      { code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' },
    );
    expect(describeExportError(error)).toBe(
      'tlsv13 alert certificate required (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED) — the server requires a client certificate it trusts: OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE and OTEL_EXPORTER_OTLP_CLIENT_KEY',
    );
  });

  it('says what it can without an Error', () => {
    expect(describeExportError(undefined)).toBe('unknown error');
    expect(describeExportError('socket hang up')).toBe('socket hang up');
    expect(describeExportError(new Error('connect ECONNREFUSED 127.0.0.1:9'))).toBe(
      'connect ECONNREFUSED 127.0.0.1:9',
    );
  });
});
