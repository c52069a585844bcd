import { standardCatalog } from '@bizmetrics/core';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeResponse } from '../src/ingest.ts';
import { envelope, FEATURE, histogramBody, metricOf, startHandler, sumBody } from './harness.ts';

const BUCKETS = standardCatalog.sessionDuration.buckets!;
const SESSION = { user_tier: 'free', entry_page: '/home' };
const oneIn = (i: number) =>
  BUCKETS.map(() => 0)
    .concat(0)
    .map((_, j) => (j === i ? 1 : 0));
const good = () => metricOf(sumBody('business.feature.usage', [{ attrs: FEATURE, value: 1 }]));

interface PartialSuccess {
  partialSuccess?: { rejectedDataPoints: string; errorMessage: string };
}

describe('gateway handler: a bad point is dropped and counted, the rest of its batch accepted', () => {
  let gateway: Awaited<ReturnType<typeof startHandler>>;
  afterEach(() => gateway?.close());

  /** Posts one good point beside `bad`; expects the good one recorded and `bad` dropped for `reason`. */
  async function expectDropped(bad: object, reason: string, droppedPoints = 1) {
    const res = await gateway.post(envelope(good(), bad));
    expect(res.status).toBe(200);
    const body = (await res.json()) as PartialSuccess;
    expect(body.partialSuccess?.rejectedDataPoints).toBe(String(droppedPoints));
    expect(body.partialSuccess?.errorMessage).toContain(reason);
    expect(await gateway.businessTotal()).toBe(1);
    expect(await gateway.guard(reason, 'dropped')).toBe(droppedPoints);
    expect(await gateway.requests('partial', 'points_dropped')).toBe(1);
    expect(await gateway.serviceGuard()).toBe(0);
  }

  it('drops revenue from a browser as an unknown metric', async () => {
    gateway = await startHandler();
    const revenue = sumBody('business.revenue.minor', [
      {
        attrs: { currency: 'USD', product_category: 'books', payment_method: 'card', region: 'eu' },
        value: 99,
      },
    ]);
    await expectDropped(metricOf(revenue), 'unknown_metric');
  });

  it('counts an unknown metric under metric="other", never under its invented name', async () => {
    gateway = await startHandler();
    await expectDropped(metricOf(sumBody('pwned.total', [{ attrs: {}, value: 1 }])), 'unknown_metric');
    const names = (await gateway.points('bizmetrics.gateway.guard.events')).map(
      (p) => p.attributes['metric'],
    );
    expect(names).toEqual(['other']);
  });

  it('drops a point with a forbidden label such as user_id', async () => {
    gateway = await startHandler();
    const bad = sumBody('business.feature.usage', [{ attrs: { ...FEATURE, user_id: 'u-42' }, value: 1 }]);
    await expectDropped(metricOf(bad), 'forbidden_label_key');
  });

  it('drops a point with an undeclared label', async () => {
    gateway = await startHandler();
    const bad = sumBody('business.feature.usage', [{ attrs: { ...FEATURE, colour: 'red' }, value: 1 }]);
    await expectDropped(metricOf(bad), 'unknown_label_key');
  });

  it('drops cumulative and non-monotonic sums with all their points', async () => {
    gateway = await startHandler();
    const cumulative = sumBody(
      'business.milestones',
      [
        { attrs: { milestone: 'a', user_tier: 'free' }, value: 1 },
        { attrs: { milestone: 'b', user_tier: 'free' }, value: 1 },
      ],
      { temporality: 2 },
    );
    await expectDropped(metricOf(cumulative), 'wrong_temporality', 2);
  });

  it('drops a non-monotonic sum for a counter', async () => {
    gateway = await startHandler();
    const bad = sumBody('business.milestones', [{ attrs: { milestone: 'a', user_tier: 'free' }, value: 1 }], {
      monotonic: false,
    });
    await expectDropped(metricOf(bad), 'wrong_kind');
  });

  it.each([
    ['negative', -5, 'negative'],
    ['fractional', 0.5, 'not_integer'],
    ['over the per-point limit', 500, 'value_out_of_range'],
    ['NaN', 'NaN', 'not_a_number'],
    ['Infinity', 'Infinity', 'not_finite'],
  ])('drops a %s counter value', async (_, value, reason) => {
    gateway = await startHandler();
    const bad = sumBody('business.milestones', [{ attrs: { milestone: 'a', user_tier: 'free' }, value }]);
    await expectDropped(metricOf(bad), reason);
  });

  it('drops a histogram whose sum its buckets cannot produce, or whose count disagrees', async () => {
    gateway = await startHandler();
    const bad = histogramBody(
      'business.session.duration.seconds',
      [
        { attrs: SESSION, bucketCounts: oneIn(0), sum: 900 },
        { attrs: SESSION, bucketCounts: oneIn(2), sum: 10, count: 50 },
      ],
      BUCKETS,
    );
    await expectDropped(metricOf(bad), 'value_out_of_range', 2);
  });

  it('drops a histogram with other bucket bounds', async () => {
    gateway = await startHandler();
    const bad = histogramBody(
      'business.session.duration.seconds',
      [{ attrs: SESSION, bucketCounts: [1, 0], sum: 1, bounds: [10] }],
      BUCKETS,
    );
    await expectDropped(metricOf(bad), 'bucket_mismatch');
  });

  it('says the same in protobuf: OTLP partial success with rejected_data_points', async () => {
    gateway = await startHandler();
    const body = envelope(good(), metricOf(sumBody('pwned.total', [{ attrs: {}, value: 1 }])));
    const proto = await toProtobuf(body);
    const res = await gateway.post(proto, { type: 'application/x-protobuf' });
    expect(res.status).toBe(200);
    const answer = decodeResponse(new Uint8Array(await res.arrayBuffer()));
    expect(answer.rejectedDataPoints).toBe(1);
    expect(answer.errorMessage).toContain('unknown_metric');
    expect(await gateway.businessTotal()).toBe(1);
  });
});

describe('gateway handler: label values outside the rules become other, counted', () => {
  let gateway: Awaited<ReturnType<typeof startHandler>>;
  afterEach(() => gateway?.close());

  it('maps a feature outside the site allow-list to other and keeps the event', async () => {
    gateway = await startHandler({ allowedValues: { 'business.feature.usage': { feature: ['search'] } } });
    const res = await gateway.post(
      sumBody('business.feature.usage', [{ attrs: { ...FEATURE, feature: 'x9f3' }, value: 2 }]),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(await gateway.points('business.feature.usage')).toEqual([
      { attributes: { ...FEATURE, feature: 'other' }, value: 2 },
    ]);
    expect(await gateway.guard('unknown_label_value', 'mapped')).toBe(1);
  });

  it.each([
    ['a control character', 'sea\u0000rch', 'control_character'],
    ['an over-long value', 'x'.repeat(41), 'label_too_long'],
    ['a value outside a declared set', 'platinum', 'unknown_label_value'],
  ])('maps %s to other', async (_, value, reason) => {
    gateway = await startHandler();
    const attrs =
      reason === 'unknown_label_value' ? { ...FEATURE, user_tier: value } : { ...FEATURE, feature: value };
    expect((await gateway.post(sumBody('business.feature.usage', [{ attrs, value: 1 }]))).status).toBe(200);
    expect(await gateway.businessTotal()).toBe(1);
    expect(await gateway.guard(reason, 'mapped')).toBe(1);
  });

  it('ignores zero deltas: no series is created for them', async () => {
    gateway = await startHandler();
    const zeros = Array.from({ length: 50 }, (_, i) => ({
      attrs: { ...FEATURE, feature: `f${i}` },
      value: 0,
    }));
    const res = await gateway.post(sumBody('business.feature.usage', zeros));
    expect(await res.json()).toEqual({});
    expect(await gateway.points('business.feature.usage')).toEqual([]);
    expect(await gateway.guard('zero_delta', 'ignored')).toBe(50);
  });
});

describe('gateway handler: a separate series budget for browser data', () => {
  let gateway: Awaited<ReturnType<typeof startHandler>>;
  afterEach(() => gateway?.close());

  it('a flood of invented features fills only the browser budget; the service still gets its own new series', async () => {
    gateway = await startHandler({ seriesLimit: 20, rateLimit: { burst: 1000 } });
    for (let r = 0; r < 5; r++) {
      const flood = Array.from({ length: 100 }, (_, i) => ({
        attrs: { ...FEATURE, feature: `rnd-${r}-${i}` },
        value: 1,
      }));
      expect((await gateway.post(sumBody('business.feature.usage', flood))).status).toBe(200);
    }
    const usage = await gateway.points('business.feature.usage');
    expect(usage.length).toBe(21); // 20 browser series + the all-other overflow series
    expect(usage.find((p) => p.attributes['feature'] === 'other')?.value).toBe(480);
    // The service's own recording of a brand-new feature is untouched by the browser flood.
    gateway.biz.featureUsed({ feature: 'launch', user_tier: 'free', new_user: false });
    expect(
      (await gateway.points('business.feature.usage')).find((p) => p.attributes['feature'] === 'launch')
        ?.value,
    ).toBe(1);
    expect(await gateway.guard('series_limit', 'mapped')).toBe(480);
    expect(await gateway.serviceGuard()).toBe(0);
  });

  it("records browsers' own guard reports as bizmetrics.browser.guard.events, never the service's", async () => {
    gateway = await startHandler();
    const report = sumBody('bizmetrics.guard.events', [
      { attrs: { metric: 'business.feature.usage', reason: 'label_too_long', action: 'mapped' }, value: 7 },
    ]);
    expect((await gateway.post(report)).status).toBe(200);
    expect(await gateway.serviceGuard()).toBe(0);
    expect(await gateway.points('bizmetrics.browser.guard.events')).toEqual([
      {
        attributes: { metric: 'business.feature.usage', reason: 'label_too_long', action: 'mapped' },
        value: 7,
      },
    ]);
  });
});

async function toProtobuf(json: string): Promise<Uint8Array> {
  const protobuf = (await import('protobufjs')).default;
  const { OTLP_METRICS_PROTO } = await import('../src/otlp-metrics-proto.ts');
  const type = protobuf
    .parse(OTLP_METRICS_PROTO)
    .root.lookupType('opentelemetry.proto.ExportMetricsServiceRequest');
  return type.encode(type.fromObject(JSON.parse(json))).finish();
}
