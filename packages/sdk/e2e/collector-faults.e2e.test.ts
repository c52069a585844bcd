import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  collectorConfigFiles,
  freePort,
  type RunningCollector,
  type RunningServer,
  startCollector,
  startPrometheus,
  startVictoriaMetrics,
} from '@bizmetrics/local-stack';
import { isAlive } from '@bizmetrics/local-stack/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectKpis, waitForRuns } from './kpis.ts';
import { type Service, startService } from './service.ts';

/**
 * Faults between the SDK and the backend, with real processes: our collector killed, stalled or
 * refusing (memory_limiter), the backend behind it down. Each case ends with the backend's
 * cumulative totals compared with the runs the service made: exact, or the test fails. What each
 * fault cost on the way is printed as the fault table of docs/BACKENDS.md.
 */
const OUTAGE_SECONDS = Number(process.env['BIZMETRICS_FAULT_OUTAGE_SECONDS'] ?? 120);

const servers: RunningServer[] = [];
const services: Service[] = [];
const table: string[] = [];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizmetrics-collector-faults-'));
});
afterAll(async () => {
  const pids = [...servers.map((s) => s.pid), ...services.map((s) => s.child.pid!)];
  for (const s of services) await s.terminate();
  for (const s of [...servers].reverse()) await s.stop();
  await rm(dir, { recursive: true, force: true });
  for (const pid of pids) expect(isAlive(pid), `pid ${pid}`).toBe(false);
  console.log(`fault table (docs/BACKENDS.md):\n${table.join('\n')}`);
});

const track = <T extends RunningServer>(s: T): T => {
  servers.push(s);
  return s;
};
const service = async (name: string, collector: RunningCollector, extra: Record<string, string> = {}) => {
  const s = await startService({
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpHttpUrl,
    OTEL_METRIC_EXPORT_INTERVAL: '1000',
    OTEL_SERVICE_NAME: name,
    ...extra,
  });
  services.push(s);
  return s;
};
/** A Prometheus 3 scraping a collector's `prometheus` exporter every second, keeping its labels. */
const scraping = async (collector: RunningCollector) =>
  track(
    await startPrometheus({
      scrapeInterval: '1s',
      scrapeJobs: [{ jobName: 'otel-collector', targets: [collector.prometheusTarget], honorLabels: true }],
    }),
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A counter of the collector's own telemetry (`otelcol_*`), summed over its label sets. */
async function telemetry(collector: RunningCollector, name: string): Promise<number> {
  const text = await (await fetch(`http://${collector.telemetryTarget}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n'))
    if (new RegExp(`^${name}(_total)?[{ ]`).test(line)) sum += Number(line.split(' ').at(-1));
  return sum;
}

/** Kills a collector without a chance to flush (SIGKILL), and waits until it is gone. */
async function kill(collector: RunningCollector): Promise<void> {
  process.kill(collector.pid, 'SIGKILL');
  await collector.stop();
}

describe('faults between the SDK and the backend, through our collector', () => {
  it('collector killed (SIGKILL) mid-run, restarted on the same ports: the SDK re-sends, totals exact', async () => {
    let collector = track(await startCollector({ overlay: 'prometheus' }));
    const prometheus = await scraping(collector);
    const shop = await service('shop-collector-killed', collector);
    await shop.run();
    expectKpis(await waitForRuns(prometheus.url, 1), 1);
    const before = await shop.status();

    await kill(collector);
    for (let i = 0; i < 5; i++) await shop.run();
    await sleep(3000);
    const during = await shop.status();
    expect(during.runs).toBe(6);
    expect(during.heapUsed - before.heapUsed).toBeLessThan(8 * 1024 * 1024);

    const restarted = Date.now();
    collector = track(await startCollector({ overlay: 'prometheus', env: collector.env }));
    expectKpis(await waitForRuns(prometheus.url, 6), 6);
    const seconds = ((Date.now() - restarted) / 1000).toFixed(1);
    expect(shop.output()).not.toContain('UNHANDLED REJECTION');
    expect(shop.output().match(/export to .* failing/g)?.length ?? 0).toBeLessThanOrEqual(2);
    table.push(
      `| collector killed (SIGKILL), 5 runs while down, restarted | 0: totals exact ${seconds} s after the restart | cumulative temporality: the SDK's next export carries the totals; nothing buffered (heap +${((during.heapUsed - before.heapUsed) / 1024 / 1024).toFixed(1)} MB) |`,
    );
  });

  it(`backend down ${OUTAGE_SECONDS} s behind the collector (remote-write): totals exact once it returns`, async () => {
    const vmPort = await freePort();
    const dataDir = join(dir, 'vm-data');
    let vm = track(await startVictoriaMetrics({ port: vmPort, dataDir }));
    const collector = track(
      await startCollector({
        overlay: 'remote-write',
        env: { BIZMETRICS_REMOTE_WRITE_ENDPOINT: vm.remoteWriteUrl },
      }),
    );
    const shop = await service('shop-backend-down', collector);
    await shop.run();
    await waitForRuns(vm.url, 1, undefined, 60_000, () => vm.flush());

    await vm.stop({ keepDir: true });
    const runsDuringOutage = Math.max(1, Math.round(OUTAGE_SECONDS / 10));
    for (let i = 0; i < runsDuringOutage; i++) {
      await shop.run();
      await sleep((OUTAGE_SECONDS * 1000) / runsDuringOutage);
    }
    const failed = await telemetry(collector, 'otelcol_exporter_send_failed_metric_points');
    const enqueueFailed = await telemetry(collector, 'otelcol_exporter_enqueue_failed_metric_points');

    const back = Date.now();
    vm = track(await startVictoriaMetrics({ port: vmPort, dataDir }));
    const runs = 1 + runsDuringOutage;
    expectKpis(await waitForRuns(vm.url, runs, undefined, 90_000, () => vm.flush()), runs);
    const seconds = ((Date.now() - back) / 1000).toFixed(1);
    // Batches the exporter gave up on (retry_on_failure's max_elapsed_time, a full queue) hold
    // intermediate samples, not totals: the next batch's cumulative values are exact, as asserted.
    table.push(
      `| backend (VictoriaMetrics) down ${OUTAGE_SECONDS} s behind the collector, ${runsDuringOutage} runs meanwhile | 0 in totals, exact ${seconds} s after it returned; ${failed} points dropped after retries + ${enqueueFailed} refused by the full queue: samples inside the outage window, so rates over it are missing, not wrong | remote_write_queue (queue_size 10000, 5 consumers) + retry_on_failure defaults (max_elapsed_time 1m) |`,
    );
  });

  it('memory_limiter refusing: the SDK gets 503 (retryable) and retries; a retry lands once the collector accepts', async () => {
    const tight = join(dir, 'memory-limit.yaml');
    // A limit below what the collector itself uses: it refuses everything.
    await writeFile(
      tight,
      'processors:\n  memory_limiter:\n    check_interval: 100ms\n    limit_percentage: 0\n    spike_limit_percentage: 0\n    limit_mib: 2\n    spike_limit_mib: 1\n',
    );
    const files = collectorConfigFiles('prometheus');
    const refusing = track(await startCollector({ configFiles: [...files, tight] }));
    const prometheus = await scraping(refusing);
    // One export per hour: anything that arrives in this test came from the flush below or its retries.
    const shop = await service('shop-refused', refusing, {
      OTEL_METRIC_EXPORT_INTERVAL: '3600000',
      OTEL_EXPORTER_OTLP_TIMEOUT: '30000',
    });
    await shop.run();
    const flushed = shop.flush().then(
      () => undefined,
      (error: unknown) => error,
    );
    let refused = 0;
    for (let i = 0; i < 100 && refused === 0; i++) {
      refused = await telemetry(refusing, 'otelcol_receiver_refused_metric_points');
      if (refused === 0) await sleep(50);
    }
    expect(refused).toBeGreaterThan(0);
    // Memory pressure ends: the same collector ports, the normal limits.
    await refusing.stop();
    const accepting = track(await startCollector({ configFiles: files, env: refusing.env }));
    expect(await flushed).toBeUndefined();
    expectKpis(await waitForRuns(prometheus.url, 1), 1);
    expect(shop.output()).not.toContain('UNHANDLED REJECTION');
    expect(isAlive(accepting.pid)).toBe(true);
    table.push(
      `| memory_limiter refusing (limit below the collector's own use) | 0: HTTP 503 is retryable, the SDK's retry (backoff 1 s ×1.5, 5 attempts) landed after the collector accepted again | ${refused} points refused before; memory_limiter first in the pipeline |`,
    );
  });

  it('a stalled collector (SIGSTOP) leaves the host’s request latency alone: export is off the request path', async () => {
    const collector = track(await startCollector({ overlay: 'prometheus' }));
    const prometheus = await scraping(collector);
    const shop = await service('shop-stalled', collector, {
      OTEL_METRIC_EXPORT_INTERVAL: '500',
      OTEL_EXPORTER_OTLP_TIMEOUT: '10000',
    });
    await shop.run();
    expectKpis(await waitForRuns(prometheus.url, 1), 1);
    const latencies = async () => {
      const ms: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        await shop.ping();
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      return { p50: ms[100]!, p99: ms[198]!, max: ms[199]! };
    };
    const healthy = await latencies();
    process.kill(collector.pid, 'SIGSTOP');
    try {
      await shop.run();
      await sleep(1500); // exports now hang on a collector that accepts connections and never answers
      const stalled = await latencies();
      // An export waits up to its 10 s timeout; a request that waited on it would take seconds.
      expect(stalled.max).toBeLessThan(1000);
      table.push(
        `| collector stalled (SIGSTOP: connections accepted, never answered) | 0 after SIGCONT | request latency p50/p99/max: healthy ${healthy.p50.toFixed(1)}/${healthy.p99.toFixed(1)}/${healthy.max.toFixed(1)} ms, stalled ${stalled.p50.toFixed(1)}/${stalled.p99.toFixed(1)}/${stalled.max.toFixed(1)} ms (export timeout 10 s) |`,
      );
    } finally {
      process.kill(collector.pid, 'SIGCONT');
    }
    expectKpis(await waitForRuns(prometheus.url, 2), 2);
  });
});
