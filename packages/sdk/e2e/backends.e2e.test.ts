import {
  checkPrometheusConfig,
  freePort,
  isAlive,
  type RunningPrometheus,
  type RunningVictoriaMetrics,
  startPrometheus,
  startVictoriaMetrics,
} from '@bizmetrics/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectKpis, type Kpis, waitForRuns } from './kpis.ts';
import { type Service, startService } from './service.ts';

describe('the same KPIs from every path, chosen by environment variables alone', () => {
  let vm: RunningVictoriaMetrics;
  let prom: RunningPrometheus;
  let scraped: Service;
  let pushed: Service;
  const seen: Partial<Record<'a' | 'b' | 'c', Kpis>> = {};

  beforeAll(async () => {
    vm = await startVictoriaMetrics();
    const scrapePort = await freePort();
    scraped = await startService({
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(scrapePort),
      OTEL_SERVICE_NAME: 'shop-scraped',
    });
    prom = await startPrometheus({
      scrapeTargets: [`127.0.0.1:${scrapePort}`],
      scrapeInterval: '1s',
      remoteWriteUrl: vm.remoteWriteUrl,
    });
    pushed = await startService({
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: vm.otlpUrl,
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
      OTEL_SERVICE_NAME: 'shop-pushed',
    });
    await scraped.run();
    await pushed.run();
  });

  afterAll(async () => {
    const pids = [prom?.pid, vm?.pid, scraped?.child.pid, pushed?.child.pid];
    for (const s of [scraped, pushed]) await s?.terminate();
    await prom?.stop();
    await vm?.stop();
    for (const pid of pids) if (pid) expect(isAlive(pid)).toBe(false);
    console.log(`KPIs by path:\n${JSON.stringify(seen, null, 1)}`);
  });

  it('generates a Prometheus config that promtool check config accepts', async () => {
    expect(await checkPrometheusConfig(prom.configPath)).toMatch(/SUCCESS/);
  });

  it('(a) SDK Prometheus exporter → Prometheus scrape', async () => {
    seen.a = await waitForRuns(prom.url, 1);
    expectKpis(seen.a, 1);
  });

  it('(b) SDK OTLP http/protobuf → VictoriaMetrics', async () => {
    seen.b = await waitForRuns(vm.url, 1, 'service_name="shop-pushed"');
    expectKpis(seen.b, 1);
  });

  it('(c) SDK Prometheus exporter → Prometheus → remote-write → VictoriaMetrics', async () => {
    seen.c = await waitForRuns(vm.url, 1, 'job="bizmetrics"');
    expectKpis(seen.c, 1);
  });

  it('agrees across paths: identical KPI values from (a), (b) and (c)', () => {
    expect(seen.b).toEqual(seen.a);
    expect(seen.c).toEqual(seen.a);
  });
});
