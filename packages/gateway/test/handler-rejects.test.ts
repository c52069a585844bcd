import { standardCatalog } from '@bizmetrics/core';
import { afterEach, describe, expect, it } from 'vitest';
import { envelope, FEATURE, histogramBody, startHandler, sumBody } from './harness.ts';

const BUCKETS = standardCatalog.sessionDuration.buckets!;
const SESSION = { user_tier: 'free', entry_page: '/home' };
const oneIn = (i: number) =>
  BUCKETS.map(() => 0)
    .concat(0)
    .map((_, j) => (j === i ? 1 : 0));

describe('gateway handler: malicious or malformed batches are refused and change no metric', () => {
  let gateway: Awaited<ReturnType<typeof startHandler>>;
  afterEach(() => gateway?.close());

  async function expectRejected(res: Response, status: number, reason: string) {
    expect(res.status).toBe(status);
    expect(((await res.json()) as { reason: string }).reason).toBe(reason);
    expect(await gateway.businessTotal()).toBe(0);
    expect(await gateway.requests('rejected', reason)).toBe(1);
  }

  const good = () => sumBody('business.feature.usage', [{ attrs: FEATURE, value: 1 }]);

  it('refuses a foreign origin with 403 and sends no CORS header', async () => {
    gateway = await startHandler();
    const res = await gateway.post(good(), { origin: 'https://evil.example' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    await expectRejected(res, 403, 'forbidden_origin');
  });

  it('refuses a request without an Origin header', async () => {
    gateway = await startHandler();
    await expectRejected(await gateway.post(good(), { origin: null }), 403, 'forbidden_origin');
  });

  it('refuses revenue from a browser as an unknown metric', async () => {
    gateway = await startHandler();
    const body = sumBody('business.revenue.minor', [
      {
        attrs: { currency: 'USD', product_category: 'books', payment_method: 'card', region: 'eu' },
        value: 99,
      },
    ]);
    await expectRejected(await gateway.post(body), 400, 'unknown_metric');
  });

  it('refuses a metric outside the catalog', async () => {
    gateway = await startHandler();
    await expectRejected(
      await gateway.post(sumBody('pwned.total', [{ attrs: {}, value: 1 }])),
      400,
      'unknown_metric',
    );
  });

  it('refuses a forbidden label such as user_id', async () => {
    gateway = await startHandler();
    const body = sumBody('business.feature.usage', [{ attrs: { ...FEATURE, user_id: 'u-42' }, value: 1 }]);
    await expectRejected(await gateway.post(body), 400, 'unknown_label');
  });

  it('refuses a missing label', async () => {
    gateway = await startHandler();
    const body = sumBody('business.feature.usage', [
      { attrs: { feature: 'search', user_tier: 'free' }, value: 1 },
    ]);
    await expectRejected(await gateway.post(body), 400, 'missing_label');
  });

  it('refuses a label value outside the declared set', async () => {
    gateway = await startHandler();
    const body = sumBody('business.feature.usage', [
      { attrs: { ...FEATURE, user_tier: 'platinum' }, value: 1 },
    ]);
    await expectRejected(await gateway.post(body), 400, 'label_value');
  });

  it('refuses a value outside a site allow-list, and accepts one inside it', async () => {
    gateway = await startHandler({ allowedValues: { 'business.feature.usage': { feature: ['search'] } } });
    const ok = sumBody('business.feature.usage', [{ attrs: FEATURE, value: 1 }]);
    expect((await gateway.post(ok)).status).toBe(200);
    const invented = sumBody('business.feature.usage', [
      { attrs: { ...FEATURE, feature: 'spam1' }, value: 1 },
    ]);
    const res = await gateway.post(invented);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { reason: string }).reason).toBe('label_value');
    expect(await gateway.businessTotal()).toBe(1);
  });

  it('refuses invented guard reasons in the browser self-metric', async () => {
    gateway = await startHandler();
    const body = sumBody('bizmetrics.guard.events', [
      { attrs: { metric: 'business.feature.usage', reason: 'made_up', action: 'mapped' }, value: 1 },
    ]);
    await expectRejected(await gateway.post(body), 400, 'label_value');
  });

  it('refuses an over-long free-form label value', async () => {
    gateway = await startHandler();
    const body = sumBody('business.feature.usage', [
      { attrs: { ...FEATURE, feature: 'x'.repeat(41) }, value: 1 },
    ]);
    await expectRejected(await gateway.post(body), 400, 'label_value');
  });

  it('refuses cumulative temporality', async () => {
    gateway = await startHandler();
    const body = sumBody('business.feature.usage', [{ attrs: FEATURE, value: 1 }], { temporality: 2 });
    await expectRejected(await gateway.post(body), 400, 'wrong_temporality');
  });

  it('refuses a non-monotonic sum for a counter', async () => {
    gateway = await startHandler();
    const body = sumBody('business.feature.usage', [{ attrs: FEATURE, value: 1 }], { monotonic: false });
    await expectRejected(await gateway.post(body), 400, 'wrong_kind');
  });

  it.each([
    ['negative', -5],
    ['fractional', 0.5],
    ['huge', 1e9],
    ['NaN', 'NaN'],
  ])('refuses a %s counter value', async (_, value) => {
    gateway = await startHandler();
    const body = sumBody('business.feature.usage', [{ attrs: FEATURE, value }]);
    await expectRejected(await gateway.post(body), 400, 'value_out_of_range');
  });

  it('refuses a histogram whose sum its buckets cannot produce', async () => {
    gateway = await startHandler();
    const body = histogramBody(
      'business.session.duration.seconds',
      [{ attrs: SESSION, bucketCounts: oneIn(0), sum: 900 }],
      BUCKETS,
    );
    await expectRejected(await gateway.post(body), 400, 'value_out_of_range');
  });

  it('refuses a histogram whose count disagrees with its buckets', async () => {
    gateway = await startHandler();
    const body = histogramBody(
      'business.session.duration.seconds',
      [{ attrs: SESSION, bucketCounts: oneIn(2), sum: 10, count: 50 }],
      BUCKETS,
    );
    await expectRejected(await gateway.post(body), 400, 'value_out_of_range');
  });

  it('refuses a histogram with other bucket bounds', async () => {
    gateway = await startHandler();
    const body = histogramBody(
      'business.session.duration.seconds',
      [{ attrs: SESSION, bucketCounts: [1, 0], sum: 1, bounds: [10] }],
      BUCKETS,
    );
    await expectRejected(await gateway.post(body), 400, 'bucket_mismatch');
  });

  it('refuses the whole batch when one metric of it is bad (nothing partial)', async () => {
    gateway = await startHandler();
    const body = envelope(
      JSON.parse(sumBody('business.feature.usage', [{ attrs: FEATURE, value: 1 }])).resourceMetrics[0]
        .scopeMetrics[0].metrics[0],
      JSON.parse(
        sumBody('business.milestones', [{ attrs: { milestone: 'a', user_tier: 'free' }, value: -1 }]),
      ).resourceMetrics[0].scopeMetrics[0].metrics[0],
    );
    await expectRejected(await gateway.post(body), 400, 'value_out_of_range');
  });

  it('refuses a body over the limit by its Content-Length', async () => {
    gateway = await startHandler({ bodyLimitBytes: 1024 });
    await expectRejected(await gateway.post('x'.repeat(5000)), 413, 'body_too_large');
  });

  it('refuses a chunked body once it passes the limit', async () => {
    gateway = await startHandler({ bodyLimitBytes: 1024 });
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode('y'.repeat(500)));
        c.close();
      },
    });
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { origin: 'https://shop.example', 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    await expectRejected(res, 413, 'body_too_large');
  });

  it('refuses a flood from one client with 429 and Retry-After, while other clients pass', async () => {
    gateway = await startHandler({
      rateLimit: { burst: 3, perSecond: 0.5 },
      clientKey: (req) => String(req.headers['x-test-client']),
    });
    const from = (client: string) =>
      gateway.post(sumBody('business.feature.usage', [{ attrs: FEATURE, value: 1 }]), {
        headers: { 'x-test-client': client },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await from('a')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429, 429, 429]);
    const limited = await from('a');
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await from('b')).status).toBe(200);
    expect((await gateway.points('business.feature.usage'))[0]?.value).toBe(4);
    expect(await gateway.requests('rejected', 'rate_limited')).toBe(8);
  });

  it('refuses malformed JSON, other content types and methods', async () => {
    gateway = await startHandler();
    await expectRejected(await gateway.post('{"resourceMetrics": "nope"'), 400, 'malformed');
    const text = await gateway.post(good(), { type: 'text/plain' });
    expect(text.status).toBe(415);
    const gz = await gateway.post(good(), { headers: { 'content-encoding': 'gzip' } });
    expect(gz.status).toBe(415);
    const get = await fetch(gateway.url, { headers: { origin: 'https://shop.example' } });
    expect(get.status).toBe(405);
    expect(await gateway.businessTotal()).toBe(0);
  });

  it('refuses garbage protobuf', async () => {
    gateway = await startHandler();
    const res = await gateway.post(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), {
      type: 'application/x-protobuf',
    });
    await expectRejected(res, 400, 'malformed');
  });
});
