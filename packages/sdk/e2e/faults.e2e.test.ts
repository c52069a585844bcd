import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type RunningVictoriaMetrics, startVictoriaMetrics } from '@bizmetrics/local-stack';
import { isAlive } from '@bizmetrics/local-stack/support';
import { afterAll, describe, expect, it } from 'vitest';
import { expectKpis, waitForRuns } from './kpis.ts';
import { startService } from './service.ts';

const pids: number[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  for (const pid of pids) expect(isAlive(pid)).toBe(false);
});

async function vmOn(port: number, dataDir: string): Promise<RunningVictoriaMetrics> {
  const vm = await startVictoriaMetrics({ port, dataDir });
  pids.push(vm.pid);
  return vm;
}

describe('a backend that is down, then back', () => {
  it('keeps the service answering with bounded memory, and totals are exact once it returns', async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'bizmetrics-vm-data-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const service = await startService({
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `http://127.0.0.1:${port}/opentelemetry/v1/metrics`,
      OTEL_METRIC_EXPORT_INTERVAL: '500',
      OTEL_EXPORTER_OTLP_TIMEOUT: '400',
      OTEL_SERVICE_NAME: 'shop-faults',
    });
    pids.push(service.child.pid!);
    cleanups.push(async () => {
      await service.terminate();
    });
    const matcher = 'service_name="shop-faults"';

    // 1. The backend is down when the service starts.
    expect((await service.run()).runs).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await service.status()).runs).toBe(1);

    // 2. It comes up later: the next export carries the exact cumulative totals.
    let vm = await vmOn(port, dataDir);
    expectKpis(await waitForRuns(vm.url, 1, matcher), 1);
    const before = await service.status();

    // 3. It goes down mid-run; the service keeps recording and answering.
    await vm.stop({ keepDir: true });
    for (let i = 0; i < 20; i++) await service.run();
    await new Promise((r) => setTimeout(r, 3000));
    const during = await service.status();
    expect(during.runs).toBe(21);
    // Nothing is buffered per failed export: the heap stays within a few MB of before the outage.
    expect(during.heapUsed - before.heapUsed).toBeLessThan(8 * 1024 * 1024);

    // 4. It returns on the same data: totals are exact, nothing lost or double counted.
    vm = await vmOn(port, dataDir);
    expectKpis(await waitForRuns(vm.url, 21, matcher), 21);
    await service.terminate();
    expect(service.output()).not.toContain('UNHANDLED REJECTION');
    expect(service.output().match(/export to .* failing/g)?.length ?? 0).toBeLessThanOrEqual(2);
    cleanups.push(() => vm.stop());
  });

  it('flushes the last OTLP export on SIGTERM before exit', async () => {
    const vm = await startVictoriaMetrics();
    pids.push(vm.pid);
    cleanups.push(() => vm.stop());
    const service = await startService({
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: vm.otlpUrl,
      OTEL_METRIC_EXPORT_INTERVAL: '600000',
      OTEL_SERVICE_NAME: 'shop-sigterm',
    });
    pids.push(service.child.pid!);
    await service.run();
    const exit = await service.terminate();
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expectKpis(await waitForRuns(vm.url, 1, 'service_name="shop-sigterm"'), 1);
  });
});
