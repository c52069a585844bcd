import { afterEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../src/index.ts';
import { createMeasured, FEATURE, ORIGIN, sumBody } from './harness.ts';

describe('startGateway', () => {
  let gateway: Gateway | undefined;
  afterEach(() => gateway?.close());

  it('serves the gateway on /v1/metrics, a health check, and 404 elsewhere, on loopback', async () => {
    const measured = createMeasured();
    gateway = await startGateway({ metrics: measured.biz, allowedOrigins: [ORIGIN], port: 0 });
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${gateway.url}/v1/metrics`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: sumBody('business.feature.usage', [{ attrs: FEATURE, value: 2 }]),
    });
    expect(res.status).toBe(200);
    expect((await measured.points('business.feature.usage'))[0]?.value).toBe(2);
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/anything`)).status).toBe(404);
  });
});
