import { afterEach, describe, expect, it } from 'vitest';
import {
  BizMetricsConfigError,
  type BizMetricsHandle,
  resolveConfig,
  startBizMetrics,
} from '../src/index.ts';
import { type Receiver, startReceiver } from './support.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('service.instance.id', () => {
  it('defaults to one random UUID v4 per process, the same for every SDK instance in it', () => {
    const a = resolveConfig({}).resourceAttributes['service.instance.id'];
    expect(a).toMatch(UUID_V4);
    expect(resolveConfig({}).resourceAttributes['service.instance.id']).toBe(a);
  });

  it('takes the one in OTEL_RESOURCE_ATTRIBUTES, and the code option over it', () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=checkout-7f9c,deployment.environment=prod' };
    expect(resolveConfig(env).resourceAttributes).toMatchObject({
      'service.instance.id': 'checkout-7f9c',
      'deployment.environment': 'prod',
    });
    expect(resolveConfig(env, { serviceInstanceId: 'pod-2' }).resourceAttributes['service.instance.id']).toBe(
      'pod-2',
    );
  });

  it.each([
    [{ OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=' }, {}, 'OTEL_RESOURCE_ATTRIBUTES'],
    [{ OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=%20%20' }, {}, 'OTEL_RESOURCE_ATTRIBUTES'],
    [{ OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=a%0Ab' }, {}, 'OTEL_RESOURCE_ATTRIBUTES'],
    [{}, { serviceInstanceId: 'x'.repeat(256) }, 'serviceInstanceId'],
  ])('refuses an invalid override at start-up, naming the variable (%j %j)', (env, overrides, variable) => {
    const start = () => resolveConfig(env, overrides);
    expect(start).toThrow(BizMetricsConfigError);
    expect(start).toThrow(
      new RegExp(
        `^${variable}=".*" is not valid: expected service.instance.id: 1 to 255 printable characters`,
      ),
    );
  });
});

describe('BIZMETRICS_CURRENCY', () => {
  it('defaults to USD and takes an ISO 4217 code', () => {
    expect(resolveConfig({}).currency).toBe('USD');
    expect(resolveConfig({ BIZMETRICS_CURRENCY: 'JPY' }).currency).toBe('JPY');
  });

  it('refuses an unknown currency at start-up, naming the variable and the accepted codes', () => {
    expect(() => resolveConfig({ BIZMETRICS_CURRENCY: 'euro' })).toThrow(
      /^BIZMETRICS_CURRENCY="euro" is not valid: expected an active ISO 4217 code in upper case: AED, .*EUR, .*JPY/,
    );
    expect(() => startBizMetrics({ currency: 'XYZ', handleSignals: false, exporters: ['none'] })).toThrow(
      /^currency="XYZ"/,
    );
  });
});

describe('no empty headers on the wire', () => {
  let biz: BizMetricsHandle | undefined;
  let receiver: Receiver | undefined;
  const saved = process.env['OTEL_EXPORTER_OTLP_HEADERS'];
  afterEach(async () => {
    await biz?.shutdown();
    await receiver?.close();
    biz = receiver = undefined;
    if (saved === undefined) delete process.env['OTEL_EXPORTER_OTLP_HEADERS'];
    else process.env['OTEL_EXPORTER_OTLP_HEADERS'] = saved;
  });

  it('refuses a scheme without credentials at start-up, naming the variable', () => {
    expect(() => resolveConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20' })).toThrow(
      /^OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer " is not valid: expected Authorization=<scheme> <credentials>/,
    );
  });

  // process.env too: the OTLP exporter package reads OTEL_EXPORTER_OTLP_HEADERS on its own as well.
  it.each([
    ['Authorization=', undefined],
    ['Authorization=Bearer%20t0ken', 'Bearer t0ken'],
  ])('OTEL_EXPORTER_OTLP_HEADERS=%s sends authorization %s', async (headers, expected) => {
    receiver = await startReceiver();
    process.env['OTEL_EXPORTER_OTLP_HEADERS'] = headers;
    biz = startBizMetrics({
      env: {
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_METRIC_EXPORT_INTERVAL: '600000',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_HEADERS: headers,
      },
      handleSignals: false,
      log: () => {},
    });
    biz.featureUsed({ feature: 'header-probe', user_tier: 'free', new_user: false });
    await biz.forceFlush();
    const request = receiver.requests.at(-1)!;
    expect(request.body.includes('header-probe')).toBe(true);
    expect(request.headers.authorization).toBe(expected);
    expect(
      Object.values(request.headers).filter((v) => v === '' || v === 'Bearer ' || v === 'Bearer'),
    ).toEqual([]);
  });
});
