import { describe, expect, it } from 'vitest';
import { BizMetricsConfigError, resolveConfig } from '../src/index.ts';

describe('configuration from OTEL_* variables', () => {
  it('defaults to the Prometheus exporter on localhost:9464 and the spec defaults for OTLP', () => {
    const c = resolveConfig({});
    expect(c.exporters).toEqual(['prometheus']);
    expect(c.prometheus).toEqual({ host: 'localhost', port: 9464 });
    expect(c.otlp).toEqual({
      endpoint: 'http://localhost:4318/v1/metrics',
      protocol: 'http/protobuf',
      headers: {},
      timeoutMillis: 10_000,
      temporality: 'cumulative',
      compression: 'none',
      tls: {},
    });
    expect(c.exportIntervalMillis).toBe(60_000);
    expect(c.exportTimeoutMillis).toBe(30_000);
    expect(c.disabled).toBe(false);
  });

  it('reads exporter lists, and none means no exporter', () => {
    expect(resolveConfig({ OTEL_METRICS_EXPORTER: 'prometheus, OTLP' }).exporters).toEqual([
      'prometheus',
      'otlp',
    ]);
    expect(resolveConfig({ OTEL_METRICS_EXPORTER: 'none' }).exporters).toEqual([]);
    expect(resolveConfig({ OTEL_METRICS_EXPORTER: 'console' }).exporters).toEqual(['console']);
  });

  it('appends /v1/metrics to the generic endpoint and uses the signal endpoint as is', () => {
    expect(
      resolveConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://vm:8428/opentelemetry/' }).otlp.endpoint,
    ).toBe('http://vm:8428/opentelemetry/v1/metrics');
    expect(
      resolveConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://collector:4318/custom',
      }).otlp.endpoint,
    ).toBe('http://collector:4318/custom');
    expect(resolveConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).otlp.endpoint).toBe(
      'http://localhost:4317',
    );
  });

  it('prefers the metrics-specific protocol, headers and timeout over the generic ones', () => {
    const c = resolveConfig({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'a=1',
      OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'authorization=Bearer%20s3cret,x-team=growth',
      OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
      OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '2500',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'Delta',
    });
    expect(c.otlp.protocol).toBe('http/json');
    expect(c.otlp.headers).toEqual({ authorization: 'Bearer s3cret', 'x-team': 'growth' });
    expect(c.otlp.timeoutMillis).toBe(2500);
    expect(c.otlp.temporality).toBe('delta');
  });

  it('reads the Prometheus host and port, intervals, service name and resource attributes', () => {
    const c = resolveConfig({
      OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0',
      OTEL_EXPORTER_PROMETHEUS_PORT: '9999',
      OTEL_METRIC_EXPORT_INTERVAL: '5000',
      OTEL_METRIC_EXPORT_TIMEOUT: '2000',
      OTEL_SERVICE_NAME: 'shop',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,service.version=1.2.3',
      OTEL_SDK_DISABLED: 'TRUE',
    });
    expect(c.prometheus).toEqual({ host: '0.0.0.0', port: 9999 });
    expect(c.exportIntervalMillis).toBe(5000);
    expect(c.exportTimeoutMillis).toBe(2000);
    expect(c.serviceName).toBe('shop');
    expect(c.resourceAttributes).toEqual({
      'deployment.environment': 'prod',
      'service.version': '1.2.3',
      'service.instance.id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(c.disabled).toBe(true);
  });

  it('waits 5 s for the last export at shutdown unless OTEL_METRIC_EXPORT_TIMEOUT says otherwise', () => {
    expect(resolveConfig({}).shutdownTimeoutMillis).toBe(5000);
    expect(resolveConfig({ OTEL_METRIC_EXPORT_TIMEOUT: '1200' }).shutdownTimeoutMillis).toBe(1200);
  });

  it('caps the default export timeout at a shorter interval', () => {
    expect(resolveConfig({ OTEL_METRIC_EXPORT_INTERVAL: '1000' }).exportTimeoutMillis).toBe(1000);
  });

  it('lets code options override the environment', () => {
    const c = resolveConfig(
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_SERVICE_NAME: 'env-name' },
      { exporters: ['prometheus'], serviceName: 'code-name', prometheus: { port: 1234 } },
    );
    expect(c.exporters).toEqual(['prometheus']);
    expect(c.serviceName).toBe('code-name');
    expect(c.prometheus.port).toBe(1234);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['OTEL_METRICS_EXPORTER', 'prometheus,jaeger', /a comma list of prometheus, otlp, console, none/],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'http', /one of http\/protobuf, http\/json, grpc/],
    ['OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', 'thrift', /one of http\/protobuf, http\/json, grpc/],
    ['OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', 'sometimes', /one of cumulative, delta, lowmemory/],
    ['OTEL_EXPORTER_PROMETHEUS_PORT', 'ninety', /an integer from 1 to 65535/],
    ['OTEL_EXPORTER_PROMETHEUS_PORT', '70000', /an integer from 1 to 65535/],
    ['OTEL_METRIC_EXPORT_INTERVAL', '-5', /an integer from 1 to/],
    ['OTEL_METRIC_EXPORT_TIMEOUT', '1.5', /an integer from 1 to/],
    ['OTEL_EXPORTER_OTLP_TIMEOUT', 'soon', /an integer from 1 to/],
    ['OTEL_EXPORTER_OTLP_METRICS_TIMEOUT', '0', /an integer from 1 to/],
    ['OTEL_EXPORTER_OTLP_HEADERS', 'novalue', /comma-separated key=value pairs/],
    ['OTEL_EXPORTER_OTLP_METRICS_HEADERS', 'a=1,=2', /comma-separated key=value pairs/],
    ['OTEL_RESOURCE_ATTRIBUTES', 'team', /comma-separated key=value pairs/],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318', /an absolute http:\/\/ or https:\/\/ URL/],
    ['OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', 'ftp://x', /an absolute http:\/\/ or https:\/\/ URL/],
    ['OTEL_SDK_DISABLED', 'yes', /true or false/],
    ['OTEL_EXPORTER_OTLP_COMPRESSION', 'zstd', /one of gzip, none/],
    ['OTEL_EXPORTER_OTLP_METRICS_COMPRESSION', 'deflate', /one of gzip, none/],
  ];
  it.each(bad)('refuses %s=%s naming the variable and the accepted values', (variable, value, accepted) => {
    const run = () => resolveConfig({ [variable]: value });
    expect(run).toThrow(BizMetricsConfigError);
    expect(run).toThrow(new RegExp(`^${variable}=`));
    expect(run).toThrow(accepted);
  });

  it('checks numeric code options like their variables, naming the option', () => {
    expect(() => resolveConfig({}, { prometheus: { port: 70_000 } })).toThrow(
      /^prometheus\.port="70000" is not valid: expected an integer from 1 to 65535/,
    );
    expect(() => resolveConfig({}, { exportIntervalMillis: 0 })).toThrow(/^exportIntervalMillis="0"/);
    expect(() => resolveConfig({}, { otlp: { timeoutMillis: 1.5 } })).toThrow(/^otlp\.timeoutMillis="1.5"/);
    expect(() => resolveConfig({}, { otlp: { endpoint: 'collector:4318' } })).toThrow(
      /^otlp\.endpoint="collector:4318" is not valid: expected an absolute http:\/\/ or https:\/\/ URL/,
    );
  });

  it('refuses an export timeout longer than the interval', () => {
    expect(() =>
      resolveConfig({ OTEL_METRIC_EXPORT_INTERVAL: '1000', OTEL_METRIC_EXPORT_TIMEOUT: '5000' }),
    ).toThrow(
      /OTEL_METRIC_EXPORT_TIMEOUT="5000" is not valid: expected at most OTEL_METRIC_EXPORT_INTERVAL \(1000 ms\)/,
    );
  });
});
