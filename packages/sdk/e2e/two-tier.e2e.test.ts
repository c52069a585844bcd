import {
  queryInstant,
  type RunningCollector,
  type RunningServer,
  startCollector,
  startPrometheus,
} from '@bizmetrics/local-stack';
import { isAlive } from '@bizmetrics/local-stack/support';
import { afterAll, describe, expect, it } from 'vitest';
import { expectKpis, waitForRuns } from './kpis.ts';
import { KPI_QUERIES } from './queries.ts';
import { type Service, startService } from './service.ts';

/**
 * The scaled-out topology, run here: services → two agent collectors (`load_balancing`, routing by
 * stream) → two gateway collectors (`prometheus` exporter) → Prometheus 3. Each stream must live on
 * exactly one gateway (else two gateways would expose one series with different values), the KPIs
 * summed over all services must be exact, and a gateway killed mid-run must cost nothing in totals
 * once it is back.
 */
const servers: RunningServer[] = [];
const services: Service[] = [];
afterAll(async () => {
  const pids = [...servers.map((s) => s.pid), ...services.map((s) => s.child.pid!)];
  for (const s of services) await s.terminate();
  for (const s of [...servers].reverse()) await s.stop();
  for (const pid of pids) expect(isAlive(pid), `pid ${pid}`).toBe(false);
});
const track = <T extends RunningServer>(s: T): T => {
  servers.push(s);
  return s;
};

/** The business series a gateway exposes on its prometheus exporter, as `name{labels}` lines. */
async function exposed(gateway: RunningCollector): Promise<Set<string>> {
  const text = await (await fetch(`http://${gateway.prometheusTarget}/metrics`)).text();
  return new Set(
    text
      .split('\n')
      .filter((l) => l.startsWith('business_'))
      .map((l) => l.slice(0, l.lastIndexOf(' '))),
  );
}

describe('two tiers: agents with load_balancing → gateways → Prometheus 3', () => {
  it('routes each stream to one gateway, sums exactly, and loses nothing in totals when a gateway dies', async () => {
    const gateways = [
      track(await startCollector({ overlay: 'prometheus' })),
      track(await startCollector({ overlay: 'prometheus' })),
    ];
    const hostnames = `[${gateways.map((g) => g.otlpGrpcUrl.replace('http://', '')).join(', ')}]`;
    const agents = [
      track(await startCollector({ overlay: 'load-balancing', env: { BIZMETRICS_LB_HOSTNAMES: hostnames } })),
      track(await startCollector({ overlay: 'load-balancing', env: { BIZMETRICS_LB_HOSTNAMES: hostnames } })),
    ];
    const prometheus = track(
      await startPrometheus({
        scrapeInterval: '1s',
        scrapeJobs: [
          { jobName: 'gateways', targets: gateways.map((g) => g.prometheusTarget), honorLabels: true },
        ],
      }),
    );
    // Four services, two behind each agent.
    for (let i = 0; i < 4; i++)
      services.push(
        await startService({
          OTEL_METRICS_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_ENDPOINT: agents[i % 2]!.otlpHttpUrl,
          OTEL_METRIC_EXPORT_INTERVAL: '1000',
          OTEL_SERVICE_NAME: `shop-${i}`,
        }),
      );
    for (const s of services) await s.run();
    expectKpis(await waitForRuns(prometheus.url, 4), 4);

    // Sticky routing: both gateways own streams, no stream is on both.
    const [a, b] = await Promise.all(gateways.map(exposed));
    expect(a!.size).toBeGreaterThan(0);
    expect(b!.size).toBeGreaterThan(0);
    expect([...a!].filter((s) => b!.has(s))).toEqual([]);
    const share = a!.size / (a!.size + b!.size);

    // Gateway 2 dies (SIGKILL); two more runs of every service while it is down.
    process.kill(gateways[1]!.pid, 'SIGKILL');
    await gateways[1]!.stop();
    for (const s of services) await s.run();
    for (const s of services) await s.run();
    await new Promise((r) => setTimeout(r, 4000));
    const revenueWhileDown = await queryInstant(prometheus.url, `sum(${KPI_QUERIES.revenueByRegion})`);
    const visible = Number(revenueWhileDown[0]?.value[1] ?? 0) / ((78_500 + 73_500 + 68_000) * 12);

    // It returns on the same ports: the agents' retries and the SDKs' cumulative state make it exact.
    const back = Date.now();
    gateways[1] = track(await startCollector({ overlay: 'prometheus', env: gateways[1]!.env }));
    expectKpis(await waitForRuns(prometheus.url, 12, undefined, 90_000), 12);
    const seconds = ((Date.now() - back) / 1000).toFixed(1);
    for (const agent of agents) expect(agent.output()).not.toMatch(/\tpanic|\tfatal/);
    console.log(
      `two tiers: gateway 1 owned ${(share * 100).toFixed(0)} % of the business series; with gateway 2 down, ` +
        `Prometheus showed ${(visible * 100).toFixed(0)} % of the revenue total (gateway 2's series went stale); ` +
        `exact again ${seconds} s after it returned`,
    );
  });
});
