import { promName } from '@bizmetrics/core';
import { selfCatalog } from '@bizmetrics/core/catalog';
import { promSeriesNames } from '@bizmetrics/core/prometheus';
import { webCatalog } from '@bizmetrics/core/web';
import {
  queryInstant,
  type RunningCollector,
  type RunningPrometheus,
  startCollector,
  startPrometheus,
} from '@bizmetrics/local-stack';
import { isAlive } from '@bizmetrics/local-stack/support';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from './support/build-page.ts';
import { launchChromium } from './support/chromium.ts';
import { expectedAfter, readSeries, VISIT_METRICS } from './support/expected.ts';
import { eventually } from './support/exposition.ts';
import { type GatewayProcess, startGatewayProcess } from './support/gateway-server.ts';
import { prometheusReader } from './support/prometheus-reader.ts';
import { startSite } from './support/site-server.ts';
import { visit } from './support/visitor.ts';

const INTERVAL_MS = 600_000;
const SERVICE = 'bizmetrics-gateway';
/**
 * Two replicas, each under its own `service.instance.id` as deploy/kubernetes/gateway gives them (the
 * pod name). Over OTLP, Prometheus makes service.name the `job` and service.instance.id the
 * `instance`; the gateway sets no instance id of its own, so without one both replicas write the
 * same series and overwrite each other's sums (measured here: 2 of 3 visits counted).
 */
const REPLICAS = ['gateway-a', 'gateway-b'] as const;

/** Every `__name__` Prometheus holds, sorted. */
async function seriesNames(prometheusUrl: string): Promise<string[]> {
  const res = await fetch(`${prometheusUrl}/api/v1/label/__name__/values`, {
    signal: AbortSignal.timeout(10_000),
  });
  return ((await res.json()) as { data: string[] }).data.sort();
}

describe('browser → `bizmetrics gateway` ×2 (OTLP) → collector (shipped configs, otlp-http) → Prometheus 3 OTLP receiver (real Chromium)', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startSite>>;
  const gateways: GatewayProcess[] = [];
  let collector: RunningCollector;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    const dir = await buildPage();
    site = await startSite(dir, INTERVAL_MS);
    prometheus = await startPrometheus({ otlpReceiver: true, scrapeInterval: '1s' });
    collector = await startCollector({
      overlay: 'otlp-http',
      // otlp_http appends /v1/metrics to its endpoint.
      env: { BIZMETRICS_OTLP_EXPORT_ENDPOINT: prometheus.otlpUrl.replace(/\/v1\/metrics$/, '') },
    });
    for (const instance of REPLICAS)
      gateways.push(
        await startGatewayProcess([site.url], {
          OTEL_SERVICE_NAME: SERVICE,
          OTEL_RESOURCE_ATTRIBUTES: `service.instance.id=${instance}`,
          OTEL_METRICS_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpHttpUrl,
          OTEL_METRIC_EXPORT_INTERVAL: '1000',
          OTEL_EXPORTER_PROMETHEUS_HOST: undefined,
          OTEL_EXPORTER_PROMETHEUS_PORT: undefined,
        }),
      );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    const pids = [...gateways.map((g) => g.pid), collector?.pid, prometheus?.pid].filter(
      (p): p is number => p !== undefined,
    );
    for (const g of gateways) await g.stop();
    await collector?.stop();
    await prometheus?.stop();
    await site?.close();
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('sums visits spread over two replicas exactly, through the collector, under promName() names', async () => {
    // A load balancer's spread: the first visit lands on replica a, the next two on replica b.
    site.setEndpoint(`${gateways[0]!.url}/v1/metrics`);
    await visit(browser, site.url);
    site.setEndpoint(`${gateways[1]!.url}/v1/metrics`);
    await Promise.all([2, 3].map(() => visit(browser, site.url)));

    const want = expectedAfter(3);
    const queried = () => readSeries(prometheusReader(prometheus.url));
    const arrived = await eventually(
      async () => JSON.stringify(await queried()) === JSON.stringify(want),
      60_000,
    );
    if (!arrived) console.error(`collector output:\n${collector.output()}`);
    expect(await queried()).toEqual(want);

    // Every name Prometheus holds is promName() of a catalog metric (histograms: its three series),
    // plus target_info from the resource; nothing else arrived and nothing was renamed. Page views
    // always arrive; which web vitals a headless visit finalises varies, but only catalog names.
    const wantNames = [...VISIT_METRICS, selfCatalog.gatewayRequests].flatMap((m) => promSeriesNames(m));
    const web = new Set(Object.values(webCatalog).flatMap((m) => promSeriesNames(m)));
    const names = await seriesNames(prometheus.url);
    expect(names.filter((n) => !web.has(n))).toEqual([...wantNames, 'target_info'].sort());
    expect(names).toContain(promName(webCatalog.pageViews));

    // service.name → job, service.instance.id → instance: the replicas write distinct series. Each
    // visit sends at least twice (tab hidden, page left); on leaving, Chromium fires pagehide before
    // the final visibilitychange, on which web-vitals may finalise CLS/INP: then a third, vitals-only
    // request. Every request was accepted; the business totals above are exact either way.
    const requests = await queryInstant(prometheus.url, `${promName(selfCatalog.gatewayRequests)}`);
    const accepted = Object.fromEntries(
      requests.map((s) => [`${s.metric['instance']} ${s.metric['outcome']}`, Number(s.value[1])]),
    );
    expect(Object.keys(accepted).sort()).toEqual(['gateway-a accepted', 'gateway-b accepted']);
    expect(accepted['gateway-a accepted']).toBeGreaterThanOrEqual(2);
    expect(accepted['gateway-a accepted']).toBeLessThanOrEqual(3);
    expect(accepted['gateway-b accepted']).toBeGreaterThanOrEqual(4);
    expect(accepted['gateway-b accepted']).toBeLessThanOrEqual(6);
    expect(new Set(requests.map((s) => s.metric['job']))).toEqual(new Set([SERVICE]));
    const business = await queryInstant(prometheus.url, '{__name__=~"business_.+"}');
    expect(new Set(business.map((s) => `${s.metric['job']} ${s.metric['instance']}`))).toEqual(
      new Set(REPLICAS.map((i) => `${SERVICE} ${i}`)),
    );
  });

  it('stops both replicas cleanly on SIGTERM', async () => {
    for (const g of gateways) expect(await g.stop()).toBe(0);
  });
});
