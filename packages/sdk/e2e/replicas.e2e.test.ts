import { join } from 'node:path';
import {
  collectorConfigFiles,
  queryInstant,
  REPO_ROOT,
  type RunningServer,
  startCollector,
  startPrometheus,
} from '@bizmetrics/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BizMetricsHandle, startBizMetrics } from '../src/index.ts';
import { type Receiver, startReceiver, until } from '../test/support.ts';
import { waitForRuns } from './kpis.ts';
import { expectedKpis } from './queries.ts';
import { type Service, startService } from './service.ts';

/**
 * Two replicas of one service (same OTEL_SERVICE_NAME, nothing else set) push cumulative OTLP to one
 * Prometheus 3 OTLP receiver: one directly, one through our collector (shipped otlp-http overlay).
 * Each process gets its own service.instance.id by default, so their series are apart and sums
 * across them are exact; with a shared identity their cumulative counters would overwrite each
 * other and the sum would be one replica's.
 */
const JOB = 'checkout-replicas';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const servers: RunningServer[] = [];
const services: Service[] = [];
let prometheus: Awaited<ReturnType<typeof startPrometheus>>;

beforeAll(async () => {
  prometheus = await startPrometheus({ otlpReceiver: true });
  servers.push(prometheus);
});

afterAll(async () => {
  await Promise.all(services.map((s) => s.terminate()));
  await Promise.all(servers.map((s) => s.stop()));
});

describe('replicas pushing OTLP to one backend', () => {
  it('keep apart by a default service.instance.id, so sums across them are exact', async () => {
    const collector = await startCollector({
      configFiles: collectorConfigFiles('otlp-http'),
      env: { BIZMETRICS_OTLP_EXPORT_ENDPOINT: prometheus.otlpUrl.replace(/\/v1\/metrics$/, '') },
    });
    servers.push(collector);
    const common = {
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
      OTEL_SERVICE_NAME: JOB,
    };
    const direct = await startService({ ...common, OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: prometheus.otlpUrl });
    const viaCollector = await startService({
      ...common,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpHttpUrl,
    });
    services.push(direct, viaCollector);
    // 1 + 2 runs: a collision would leave the total of one replica (1 or 2 runs), never 3.
    await direct.run();
    await viaCollector.run();
    await viaCollector.run();
    await Promise.all([direct.flush(), viaCollector.flush()]);

    const kpis = await waitForRuns(prometheus.url, 3, `job="${JOB}"`);
    expect(kpis).toEqual(expectedKpis(3));

    const perInstance = await queryInstant(
      prometheus.url,
      `sum by (instance) (business_funnel_steps_total{job="${JOB}"})`,
    );
    expect(perInstance).toHaveLength(2);
    for (const s of perInstance) expect(s.metric['instance']).toMatch(UUID_V4);
    const [a, b] = perInstance.map((s) => Number(s.value[1])).sort((x, y) => x - y);
    const [total] = await queryInstant(prometheus.url, `sum(business_funnel_steps_total{job="${JOB}"})`);
    expect(Number(total!.value[1])).toBe(a! + b!);
    expect(b).toBe(2 * a!);
  });
});

describe('no empty Authorization header on the wire', () => {
  let receiver: Receiver;
  let biz: BizMetricsHandle | undefined;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await biz?.shutdown();
    await receiver.close();
  });

  /** Sends one batch through a collector on `configFiles` and returns what the backend received. */
  async function throughCollector(configFiles: string[], env: Record<string, string>) {
    const collector = await startCollector({
      configFiles,
      env: { BIZMETRICS_OTLP_EXPORT_ENDPOINT: receiver.url.replace(/\/v1\/metrics$/, ''), ...env },
    });
    servers.push(collector);
    const before = receiver.requests.length;
    biz = startBizMetrics({
      env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_INTERVAL: '600000' },
      otlp: { endpoint: `${collector.otlpHttpUrl}/v1/metrics` },
      handleSignals: false,
      log: () => {},
    });
    biz.featureUsed({ feature: 'header-probe', user_tier: 'free', new_user: false });
    await biz.forceFlush();
    await until(() => receiver.requests.length > before, 30_000);
    await biz.shutdown();
    biz = undefined;
    await collector.stop();
    return receiver.requests.at(-1)!;
  }

  it('the collector’s otlp-http overlay without credentials sends no Authorization header', async () => {
    const request = await throughCollector(collectorConfigFiles('otlp-http'), {});
    expect(request.headers.authorization).toBeUndefined();
    expect(Object.entries(request.headers).filter(([, v]) => v === '')).toEqual([]);
  });

  it('the credentials overlay sends the token it is given', async () => {
    const files = [
      ...collectorConfigFiles('otlp-http'),
      join(REPO_ROOT, 'collector', 'credentials', 'otlp-http.yaml'),
    ];
    const request = await throughCollector(files, {
      BIZMETRICS_OTLP_EXPORT_AUTHORIZATION: 'Bearer vendor-key',
    });
    expect(request.headers.authorization).toBe('Bearer vendor-key');
  });
});
