import { createBizMetrics, standardCatalog } from '@bizmetrics/core';
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { AggregationTemporality } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { createMeasured, FEATURE, startHandler, sumBody } from './harness.ts';

/** Batches exactly as a browser produces them: the business API on a delta provider, serialized by OTel. */
async function browserBatch() {
  const browser = createMeasured(AggregationTemporality.DELTA);
  const biz = createBizMetrics({ meter: browser.provider.getMeter('@bizmetrics/browser') });
  biz.featureUsed({ feature: 'search', user_tier: 'premium', new_user: true });
  biz.featureUsed({ feature: 'search', user_tier: 'premium', new_user: true });
  biz.sessionStarted({ user_tier: 'premium', entry_page: '/products/:id' });
  biz.sessionEnded({ user_tier: 'premium', entry_page: '/products/:id', durationSeconds: 42 });
  biz.sessionEnded({ user_tier: 'premium', entry_page: '/products/:id', durationSeconds: 4000 });
  return browser.collect();
}

const SESSION_BUCKETS = standardCatalog.sessionDuration.buckets!;

describe('gateway handler: accepted batches', () => {
  let gateway: Awaited<ReturnType<typeof startHandler>>;
  afterEach(() => gateway?.close());

  it('adds OTel JSON deltas into cumulative metrics', async () => {
    gateway = await startHandler();
    const body = JsonMetricsSerializer.serializeRequest(await browserBatch())!;
    expect((await gateway.post(body)).status).toBe(200);
    expect((await gateway.post(body)).status).toBe(200);
    const usage = await gateway.points('business.feature.usage');
    expect(usage).toEqual([
      { attributes: { feature: 'search', user_tier: 'premium', new_user: 'true' }, value: 4 },
    ]);
    expect(await gateway.requests('accepted', 'ok')).toBe(2);
  });

  it('decodes OTel protobuf batches and rebuilds histogram buckets exactly', async () => {
    gateway = await startHandler();
    const body = ProtobufMetricsSerializer.serializeRequest(await browserBatch())!;
    const res = await gateway.post(body, { type: 'application/x-protobuf' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const [session] = await gateway.points('business.session.duration.seconds');
    expect(session?.count).toBe(2);
    expect(session?.value).toBeCloseTo(4042, 6);
    const expected = SESSION_BUCKETS.map(() => 0).concat(0);
    expected[SESSION_BUCKETS.findIndex((b) => 42 <= b)]! += 1;
    expected[SESSION_BUCKETS.findIndex((b) => 4000 <= b)]! += 1;
    expect(session?.buckets).toEqual(expected);
    expect(await gateway.points('business.sessions.started')).toEqual([
      { attributes: { user_tier: 'premium', entry_page: '/products/:id' }, value: 1 },
    ]);
  });

  it('accepts values the browser mapped to "other"', async () => {
    gateway = await startHandler();
    const res = await gateway.post(
      sumBody('business.feature.usage', [{ attrs: { ...FEATURE, user_tier: 'other' }, value: 3 }]),
    );
    expect(res.status).toBe(200);
    expect(await gateway.businessTotal()).toBe(3);
  });
});
