import { afterEach, describe, expect, it } from 'vitest';
import { FEATURE, ORIGIN, startHandler, sumBody } from './harness.ts';

describe('gateway handler: whole requests refused, changing no metric', () => {
  let gateway: Awaited<ReturnType<typeof startHandler>>;
  afterEach(() => gateway?.close());

  async function expectRejected(res: Response, status: number, reason: string) {
    expect(res.status).toBe(status);
    expect(((await res.json()) as { reason: string }).reason).toBe(reason);
    expect(await gateway.businessTotal()).toBe(0);
    expect(await gateway.requests('rejected', reason)).toBeGreaterThanOrEqual(1);
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
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    await expectRejected(res, 413, 'body_too_large');
  });

  it('refuses more points than allowed per request with 413', async () => {
    gateway = await startHandler({ maxPoints: 10 });
    const points = Array.from({ length: 11 }, (_, i) => ({
      attrs: { ...FEATURE, feature: `f${i}` },
      value: 1,
    }));
    await expectRejected(
      await gateway.post(sumBody('business.feature.usage', points)),
      413,
      'too_many_points',
    );
  });

  it('refuses more events than allowed per request with 413', async () => {
    gateway = await startHandler({ maxEvents: 100 });
    const points = Array.from({ length: 3 }, (_, i) => ({
      attrs: { ...FEATURE, feature: `f${i}` },
      value: 50,
    }));
    await expectRejected(
      await gateway.post(sumBody('business.feature.usage', points)),
      413,
      'too_many_events',
    );
  });

  it('refuses a flood from one client with 429 and Retry-After, while other clients pass', async () => {
    gateway = await startHandler({
      rateLimit: { burst: 3, perSecond: 0.5 },
      clientKey: (req) => String(req.headers['x-test-client']),
    });
    const from = (client: string) => gateway.post(good(), { headers: { 'x-test-client': client } });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await from('a')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429, 429, 429]);
    const limited = await from('a');
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await from('b')).status).toBe(200);
    expect((await gateway.points('business.feature.usage'))[0]?.value).toBe(4);
    expect(await gateway.requests('rejected', 'rate_limited')).toBe(8);
  });

  it('refuses everyone past the global rate with 429 overloaded, however many addresses they use', async () => {
    gateway = await startHandler({
      globalRateLimit: { burst: 5, perSecond: 1 },
      clientKey: (req) => String(req.headers['x-test-client']),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await gateway.post(good(), { headers: { 'x-test-client': `c${i}` } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(await gateway.requests('rejected', 'overloaded')).toBe(3);
  });

  it('with an ingest key, refuses requests without it (401) and accepts those with it', async () => {
    gateway = await startHandler({ ingestKey: 'k-0123456789abcdef' });
    await expectRejected(await gateway.post(good()), 401, 'unauthorized');
    const wrong = await gateway.post(good(), {
      headers: { 'x-bizmetrics-ingest-key': 'k-0123456789abcdeX' },
    });
    expect(wrong.status).toBe(401);
    const ok = await gateway.post(good(), { headers: { 'x-bizmetrics-ingest-key': 'k-0123456789abcdef' } });
    expect(ok.status).toBe(200);
    expect(await gateway.businessTotal()).toBe(1);
  });

  it('answers an allowed CORS preflight, allowing the ingest key header', async () => {
    gateway = await startHandler();
    const pre = await fetch(gateway.url, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(pre.headers.get('access-control-allow-headers')).toBe('Content-Type, x-bizmetrics-ingest-key');
  });

  it('refuses malformed JSON, other content types and methods', async () => {
    gateway = await startHandler();
    await expectRejected(await gateway.post('{"resourceMetrics": "nope"'), 400, 'malformed');
    expect((await gateway.post(good(), { type: 'text/plain' })).status).toBe(415);
    expect((await gateway.post(good(), { headers: { 'content-encoding': 'gzip' } })).status).toBe(415);
    expect((await fetch(gateway.url, { headers: { origin: ORIGIN } })).status).toBe(405);
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
