import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { queryInstant, type RunningPrometheus, startPrometheus } from '@bizmetrics/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from './support/app-server.ts';
import { buildPage } from './support/build-page.ts';
import { seriesValue } from './support/exposition.ts';
import { type GatewayProcess, startGatewayProcess } from './support/gateway-server.ts';

/**
 * The hostile-client suite: the real `bizmetrics gateway` process pushes OTLP into the real
 * Prometheus 3 OTLP receiver while a legitimate population of browsers sends known totals and,
 * class by class, attackers try to poison it. The test is the "proxy": connections come from
 * 127.0.0.1 (a trusted proxy) and X-Forwarded-For ends with the address the proxy saw; an attacker
 * writes whatever it likes to the left of it. Per class it measures the legitimate KPIs' error, the
 * series count in Prometheus, the gateway's resident memory and the legit requests' p99 latency,
 * and prints the table that docs/GATEWAY.md shows.
 */

const ORIGIN = 'https://shop.example';
const FEATURES = ['search', 'export', 'share'] as const;
const STEPS = ['product_view', 'cart', 'checkout'] as const;
const LEGIT_CLIENTS = 12;
const LEGIT_EVERY_MS = 250;
const ATTACKERS = 6;
const ATTACK_MS = 4_000;
const SERIES_LIMIT = 50;

type Attrs = Record<string, string>;
const kv = (a: Attrs) => Object.entries(a).map(([key, v]) => ({ key, value: { stringValue: v } }));
const sum = (name: string, points: Array<{ attrs: Attrs; value: number | string }>) => ({
  name,
  sum: {
    aggregationTemporality: 1,
    isMonotonic: true,
    dataPoints: points.map((p) => ({ attributes: kv(p.attrs), asDouble: p.value })),
  },
});
const envelope = (...metrics: object[]) =>
  JSON.stringify({
    resourceMetrics: [
      { resource: { attributes: kv({ 'service.name': 'web' }) }, scopeMetrics: [{ metrics }] },
    ],
  });
const feature = (name: string, value: number | string = 1, extra: Attrs = {}) =>
  sum('business.feature.usage', [
    { attrs: { feature: name, user_tier: 'free', new_user: 'false', ...extra }, value },
  ]);
const rand = () => Math.random().toString(36).slice(2, 10);
const randomIpv4 = () => `198.18.${(Math.random() * 255) | 0}.${(Math.random() * 255) | 0}`;

interface ClassResult {
  readonly attack: string;
  readonly kpiError: number;
  readonly series: number;
  readonly rssMb: number;
  readonly p99Ms: number;
  readonly legitRetries: number;
  readonly attackStatuses: string;
}

describe('hostile clients against the real gateway process and Prometheus 3', () => {
  let prometheus: RunningPrometheus;
  let gateway: GatewayProcess;
  const results: ClassResult[] = [];
  const expected = { features: new Map<string, number>(), steps: new Map<string, number>() };

  beforeAll(async () => {
    prometheus = await startPrometheus({ otlpReceiver: true });
    gateway = await startGatewayProcess([ORIGIN], {
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: prometheus.otlpUrl,
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
      OTEL_EXPORTER_PROMETHEUS_HOST: undefined,
      OTEL_EXPORTER_PROMETHEUS_PORT: undefined,
      BIZMETRICS_GATEWAY_RATE_BURST: undefined,
      BIZMETRICS_GATEWAY_TRUSTED_PROXIES: '127.0.0.1',
      BIZMETRICS_GATEWAY_GLOBAL_RATE_BURST: '400',
      BIZMETRICS_GATEWAY_GLOBAL_RATE_PER_SECOND: '400',
      BIZMETRICS_GATEWAY_SERIES_LIMIT: String(SERIES_LIMIT),
      BIZMETRICS_GATEWAY_HEADERS_TIMEOUT_MS: '2000',
      BIZMETRICS_GATEWAY_REQUEST_TIMEOUT_MS: '3000',
      BIZMETRICS_GATEWAY_ALLOWED_VALUES: JSON.stringify({
        'business.feature.usage': { feature: FEATURES },
        'business.funnel.steps': { funnel: ['checkout'], step: STEPS },
      }),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await prometheus?.stop();
    if (results.length) console.log(table(results));
  });

  const post = (body: string | Uint8Array, client: string, init: { type?: string; xff?: string } = {}) =>
    fetch(`${gateway.url}/v1/metrics`, {
      method: 'POST',
      headers: {
        origin: ORIGIN,
        'content-type': init.type ?? 'application/json',
        'x-forwarded-for': init.xff ?? client,
      },
      body: body as BodyInit,
    });

  const rssMb = () => {
    const status = readFileSync(`/proc/${gateway.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  };

  /** The legitimate population: known increments, retried on 429 like the browser SDK's queue. */
  async function legit(until: () => boolean, latencies: number[], retries: { n: number }) {
    await Promise.all(
      Array.from({ length: LEGIT_CLIENTS }, async (_, i) => {
        const ip = `203.0.113.${i + 1}`;
        for (let round = 0; !until(); round++) {
          const f = FEATURES[(i + round) % FEATURES.length]!;
          const s = STEPS[round % STEPS.length]!;
          const body = envelope(
            feature(f),
            sum('business.funnel.steps', [
              {
                attrs: {
                  funnel: 'checkout',
                  step: s,
                  source: 'direct',
                  device_type: 'desktop',
                  experiment_variant: 'none',
                },
                value: 1,
              },
            ]),
          );
          for (let attempt = 0; ; attempt++) {
            const t0 = performance.now();
            const res = await post(body, ip);
            latencies.push(performance.now() - t0);
            await res.arrayBuffer();
            if (res.status === 200) break;
            if (res.status !== 429 || attempt > 50) throw new Error(`legit request got ${res.status}`);
            retries.n++;
            await new Promise((r) => setTimeout(r, 100));
          }
          expected.features.set(f, (expected.features.get(f) ?? 0) + 1);
          expected.steps.set(s, (expected.steps.get(s) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, LEGIT_EVERY_MS));
        }
      }),
    );
  }

  /** What Prometheus holds for the legit KPIs, against what was sent: the largest relative error. */
  async function kpiError(): Promise<number> {
    const read = async (promql: string) =>
      Number((await queryInstant(prometheus.url, promql))[0]?.value[1] ?? 0);
    let worst = 0;
    for (const [f, n] of expected.features) {
      const got = await read(`sum(business_feature_usage_total{feature="${f}"})`);
      worst = Math.max(worst, Math.abs(got - n) / n);
    }
    for (const [s, n] of expected.steps) {
      const got = await read(`sum(business_funnel_steps_total{step="${s}"})`);
      worst = Math.max(worst, Math.abs(got - n) / n);
    }
    return worst;
  }

  const seriesCount = async () =>
    Number(
      (await queryInstant(prometheus.url, 'count({__name__=~"business_.+|browser_.+"})'))[0]?.value[1] ?? 0,
    );

  /** Runs one attack class beside the legit population and records its row. */
  async function underAttack(
    name: string,
    attack: (stop: () => boolean, count: (s: number | string) => void) => Promise<void>,
  ) {
    const latencies: number[] = [];
    const retries = { n: 0 };
    const statuses = new Map<string, number>();
    let peak = rssMb();
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 200);
    const end = Date.now() + ATTACK_MS;
    const stop = () => Date.now() > end;
    await Promise.all([
      legit(stop, latencies, retries),
      attack(stop, (s) => statuses.set(String(s), (statuses.get(String(s)) ?? 0) + 1)),
    ]);
    clearInterval(sampler);
    // Two export intervals and a little: the gateway's last sums are in Prometheus.
    let error = 1;
    for (let i = 0; i < 20 && error !== 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      error = await kpiError();
    }
    latencies.sort((a, b) => a - b);
    const row: ClassResult = {
      attack: name,
      kpiError: error,
      series: await seriesCount(),
      rssMb: Math.round(peak),
      p99Ms: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0),
      legitRetries: retries.n,
      attackStatuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(' '),
    };
    results.push(row);
    return row;
  }

  /** `ATTACKERS` loops sending as fast as the gateway answers. */
  const flood =
    (make: () => { body: string | Uint8Array; xff: string; type?: string }) =>
    async (stop: () => boolean, count: (s: number | string) => void) => {
      await Promise.all(
        Array.from({ length: ATTACKERS }, async () => {
          while (!stop()) {
            const { body, xff, type } = make();
            try {
              const res = await post(body, xff, { type, xff });
              await res.arrayBuffer();
              count(res.status);
            } catch {
              count('reset');
            }
          }
        }),
      );
    };

  // Bound on the business/browser series: the legit label sets (3 features, 3 steps) plus one
  // all-`other` set per allow-listed metric. Without allow-lists the bound would be the browser
  // budget, SERIES_LIMIT per metric.
  const SERIES_BOUND = FEATURES.length + STEPS.length + 2;
  const expectHeld = async (row: ClassResult) => {
    expect(row.kpiError, `${row.attack}: legit KPIs`).toBe(0);
    expect(row.series, `${row.attack}: series`).toBeLessThanOrEqual(SERIES_BOUND);
    expect(row.rssMb, `${row.attack}: RSS MB`).toBeLessThan(400);
    // Browser data never reaches the service's own guard metric (and its alerts).
    expect(await queryInstant(prometheus.url, 'bizmetrics_guard_events_total')).toEqual([]);
  };

  it('baseline: the legit population alone', async () => {
    await expectHeld(await underAttack('none (baseline)', async () => {}));
  });

  it('random-value series flood from rotating IPv4 addresses: values go to other, series stay bounded', async () => {
    const row = await underAttack(
      'random feature values (rotating IPv4)',
      flood(() => ({ body: envelope(feature(`rnd-${rand()}`)), xff: randomIpv4() })),
    );
    await expectHeld(row);
  });

  it('unknown metrics: dropped and counted, never a series', async () => {
    const row = await underAttack(
      'unknown metrics',
      flood(() => ({ body: envelope(sum(`pwned.${rand()}`, [{ attrs: {}, value: 1 }])), xff: randomIpv4() })),
    );
    await expectHeld(row);
    expect(await queryInstant(prometheus.url, '{__name__=~"pwned.*"}')).toEqual([]);
  });

  it('forbidden labels: the points are dropped', async () => {
    const row = await underAttack(
      'forbidden labels (user_id)',
      flood(() => ({ body: envelope(feature('search', 1, { user_id: rand() })), xff: randomIpv4() })),
    );
    await expectHeld(row);
  });

  it('NaN, Infinity, negative and huge values: the points are dropped', async () => {
    const values = ['NaN', 'Infinity', -1e9, 1e12, 0.5];
    const row = await underAttack(
      'NaN / Inf / negative / huge values',
      flood(() => ({
        body: envelope(feature('search', values[(Math.random() * values.length) | 0]!)),
        xff: randomIpv4(),
      })),
    );
    await expectHeld(row);
  });

  it('zero-point floods: ignored, no series created', async () => {
    const zeros = () =>
      envelope(
        sum(
          'business.milestones',
          Array.from({ length: 100 }, () => ({
            attrs: { milestone: `m-${rand()}`, user_tier: 'free' },
            value: 0,
          })),
        ),
      );
    const row = await underAttack(
      'zero-value point floods',
      flood(() => ({ body: zeros(), xff: randomIpv4() })),
    );
    await expectHeld(row);
  });

  it('oversized and malformed bodies (JSON and protobuf): refused before any work', async () => {
    const big = 'x'.repeat(1_000_000);
    const kinds = [
      () => ({ body: big, xff: randomIpv4() }),
      () => ({ body: '{"resourceMetrics": [{"scopeMetrics": [', xff: randomIpv4() }),
      () => ({
        body: new Uint8Array(Array.from({ length: 2000 }, () => (Math.random() * 256) | 0)),
        xff: randomIpv4(),
        type: 'application/x-protobuf',
      }),
    ];
    const row = await underAttack(
      'oversized / malformed bodies',
      flood(() => kinds[(Math.random() * 3) | 0]!()),
    );
    await expectHeld(row);
  });

  it('slow clients (slowloris): cut off by the header timeout, legit requests still served', async () => {
    const row = await underAttack('slowloris (300 slow connections)', async (stop, count) => {
      const { port } = new URL(gateway.url);
      const sockets: Socket[] = [];
      for (let i = 0; i < 300; i++) {
        const socket = connect(Number(port), '127.0.0.1');
        socket.on('error', () => {});
        socket.on('close', () => count('closed by gateway'));
        socket.write(`POST /v1/metrics HTTP/1.1\r\nHost: x\r\nOrigin: ${ORIGIN}\r\n`);
        sockets.push(socket);
      }
      while (!stop()) {
        for (const s of sockets) if (!s.destroyed) s.write(`X-Slow-${rand()}: 1\r\n`);
        await new Promise((r) => setTimeout(r, 1000));
      }
      for (const s of sockets) s.destroy();
    });
    await expectHeld(row);
    expect(row.attackStatuses).toContain('closed by gateway');
  });

  it('IPv6 rotation inside one /64: one client, rate-limited', async () => {
    const hex = () => ((Math.random() * 0xffff) | 0).toString(16);
    const row = await underAttack(
      'IPv6 rotation within a /64',
      flood(() => ({
        body: envelope(feature(`v6-${rand()}`)),
        xff: `2001:db8:dead:beef:${hex()}:${hex()}:${hex()}:${hex()}`,
      })),
    );
    await expectHeld(row);
    expect(row.attackStatuses).toMatch(/429×\d+/);
  });

  it('spoofed X-Forwarded-For: forged hops to the left change nothing, one client, rate-limited', async () => {
    const row = await underAttack(
      'spoofed X-Forwarded-For',
      flood(() => ({
        body: envelope(feature(`xff-${rand()}`)),
        xff: `${randomIpv4()}, ${randomIpv4()}, 192.0.2.66`,
      })),
    );
    await expectHeld(row);
    expect(row.attackStatuses).toMatch(/429×\d+/);
  });
});

describe('hostile clients against the gateway handler inside a service (in-app form)', () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer(await buildPage(), { intervalMs: 600_000 });
  });
  afterAll(() => app?.close());

  it("a flood of invented feature names never pushes the service's own new series into other", async () => {
    // 20 requests × 100 points = 2 000 invented features: ten times the browser budget (200).
    for (let r = 0; r < 20; r++) {
      const points = Array.from({ length: 100 }, () => ({
        attrs: { feature: `rnd-${rand()}`, user_tier: 'free', new_user: 'false' },
        value: 1,
      }));
      const res = await fetch(`${app.url}/v1/metrics`, {
        method: 'POST',
        headers: { origin: app.url, 'content-type': 'application/json' },
        body: envelope(sum('business.feature.usage', points)),
      });
      expect(res.status).toBe(200);
    }
    // Then the service launches 50 features of its own: every one keeps its name.
    for (let i = 0; i < 50; i++)
      app.metrics.featureUsed({ feature: `server-${i}`, user_tier: 'premium', new_user: false });
    const text = await app.scrape();
    for (let i = 0; i < 50; i++)
      expect(
        seriesValue(text, 'business_feature_usage_total', { feature: `server-${i}` }),
        `server-${i}`,
      ).toBe(1);
    // The browsers' 1 800 over budget went to other, counted in the gateway's guard metric only.
    expect(seriesValue(text, 'business_feature_usage_total', { feature: 'other' })).toBe(1_800);
    expect(seriesValue(text, 'bizmetrics_gateway_guard_events_total', { reason: 'series_limit' })).toBe(
      1_800,
    );
    expect(seriesValue(text, 'bizmetrics_guard_events_total')).toBe(0);
  });
});

function table(rows: readonly ClassResult[]): string {
  const lines = [
    '| attack class | legit KPI error | business/browser series in Prometheus | gateway RSS peak | legit p99 latency | legit retries (429) | attacker responses |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.attack} | ${(r.kpiError * 100).toFixed(2)} % | ${r.series} | ${r.rssMb} MB | ${r.p99Ms} ms | ${r.legitRetries} | ${r.attackStatuses || '–'} |`,
    ),
  ];
  return lines.join('\n');
}
