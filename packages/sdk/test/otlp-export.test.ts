import { afterEach, describe, expect, it } from 'vitest';
import { type BizMetricsHandle, startBizMetrics } from '../src/index.ts';
import { type Receiver, startGrpcReceiver, startReceiver, until } from './support.ts';

let biz: BizMetricsHandle | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await biz?.shutdown();
  await receiver?.close();
  biz = receiver = undefined;
});

/** Starts the SDK on `env` (OTLP exporter, long interval), records one marked feature use, flushes. */
async function exportOnce(env: Record<string, string>, feature = 'otlp-marker') {
  biz = startBizMetrics({
    env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_INTERVAL: '600000', ...env },
    handleSignals: false,
    log: () => {},
  });
  biz.featureUsed({ feature, user_tier: 'free', new_user: false });
  await biz.forceFlush();
  return biz;
}

interface JsonAttribute {
  key: string;
  value: { stringValue?: string };
}
function jsonBody(r: Receiver) {
  const body = JSON.parse(r.requests.at(-1)!.body.toString()) as {
    resourceMetrics: Array<{
      resource: { attributes: JsonAttribute[] };
      scopeMetrics: Array<{ metrics: Array<{ name: string; sum?: { aggregationTemporality: number } }> }>;
    }>;
  };
  const rm = body.resourceMetrics[0]!;
  const resource = Object.fromEntries(rm.resource.attributes.map((a) => [a.key, a.value.stringValue]));
  const metric = rm.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.name === 'business.feature.usage');
  return { resource, metric };
}

describe('OTLP export configured by OTEL_EXPORTER_OTLP_* variables', () => {
  it('posts http/protobuf to the generic endpoint plus /v1/metrics, with the configured headers', async () => {
    receiver = await startReceiver();
    await exportOnce({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url.replace('/v1/metrics', ''),
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20s3cret,x-team=growth',
    });
    const request = receiver.requests.at(-1)!;
    expect(request.path).toBe('/v1/metrics');
    expect(request.headers['content-type']).toBe('application/x-protobuf');
    expect(request.headers.authorization).toBe('Bearer s3cret');
    expect(request.headers['x-team']).toBe('growth');
    expect(request.body.includes('otlp-marker')).toBe(true);
  });

  it('posts http/json to the metrics endpoint as is, with the resource from OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES', async () => {
    receiver = await startReceiver();
    const port = new URL(receiver.url).port;
    await exportOnce({
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `http://127.0.0.1:${port}/custom/ingest`,
      OTEL_SERVICE_NAME: 'checkout',
      OTEL_RESOURCE_ATTRIBUTES: 'service.name=ignored,deployment.environment.name=staging',
    });
    const request = receiver.requests.at(-1)!;
    expect(request.path).toBe('/custom/ingest');
    expect(request.headers['content-type']).toBe('application/json');
    const { resource, metric } = jsonBody(receiver);
    expect(resource['service.name']).toBe('checkout');
    expect(resource['deployment.environment.name']).toBe('staging');
    expect(resource['telemetry.sdk.language']).toBe('nodejs');
    expect(metric?.sum?.aggregationTemporality).toBe(2); // cumulative, the default
  });

  it('exports deltas when OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=delta', async () => {
    receiver = await startReceiver();
    await exportOnce({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta',
    });
    expect(jsonBody(receiver).metric?.sum?.aggregationTemporality).toBe(1);
  });

  it('calls the OTLP gRPC service when the protocol is grpc', async () => {
    const grpc = await startGrpcReceiver();
    try {
      await exportOnce({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: grpc.url });
      await until(() => grpc.requests.length > 0);
      const call = grpc.requests[0]!;
      expect(call.path).toBe('/opentelemetry.proto.collector.metrics.v1.MetricsService/Export');
      expect(call.contentType).toBe('application/grpc');
      expect(call.body.includes('otlp-marker')).toBe(true);
    } finally {
      await biz?.shutdown();
      biz = undefined;
      await grpc.close();
    }
  });

  it('exports every OTEL_METRIC_EXPORT_INTERVAL milliseconds without being asked', async () => {
    receiver = await startReceiver();
    biz = startBizMetrics({
      env: {
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url,
        OTEL_METRIC_EXPORT_INTERVAL: '100',
      },
      handleSignals: false,
    });
    biz.featureUsed({ feature: 'periodic', user_tier: 'free', new_user: false });
    const started = Date.now();
    await until(() => receiver!.requests.length >= 3, 3000);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives up an export after OTEL_EXPORTER_OTLP_TIMEOUT and reports it once', async () => {
    receiver = await startReceiver();
    receiver.hang = true;
    const logs: string[] = [];
    biz = startBizMetrics({
      env: {
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_TIMEOUT: '200',
        OTEL_METRIC_EXPORT_INTERVAL: '600000',
      },
      handleSignals: false,
      log: (m) => logs.push(m),
    });
    biz.featureUsed({ feature: 'slow', user_tier: 'free', new_user: false });
    const started = Date.now();
    await biz.forceFlush();
    await until(() => logs.length > 0, 3000);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(logs).toEqual([expect.stringMatching(`export to ${receiver.url} failing: .*; 1 failures since `)]);
  });
});
