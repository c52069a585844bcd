/**
 * A plain OpenTelemetry JS app — sdk-metrics and the OTLP/protobuf exporter, no bizmetrics — sends
 * business metrics through our collector build with the shipped configs (base + generated
 * catalog.yaml + one exporter overlay). The collector alone enforces the catalog here (contract 4):
 * forbidden keys never reach Prometheus, values outside a closed set become `other`, data points
 * that become one series add up, an unknown `business.*` metric is dropped, other metrics pass.
 * Every path is read with PromQL from a real Prometheus 3.
 */

import { promName, standardCatalog as std } from '@bizmetrics/core';
import { promBucket, promCount, promSum } from '@bizmetrics/core/prometheus';
import {
  eventually,
  queryInstant,
  type RunningCollector,
  type RunningServer,
  startCollector,
  startPrometheus,
} from '@bizmetrics/local-stack';
import { type CollectorOverlay, isAlive } from '@bizmetrics/local-stack/support';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const STEPS = promName(std.funnelSteps);
const ACTIVE = promName(std.activeUsers);
const JOBS = 'app_jobs_processed_total';
const MYSTERY = 'business_mystery_count_total';

/**
 * What a careless sender records, all with cumulative temporality (the SDK default): every export
 * carries every series, so points that the collector maps onto one series meet in one request.
 */
function record(provider: MeterProvider): void {
  const meter = provider.getMeter('plain-otel-app');
  const steps = meter.createCounter(std.funnelSteps.name, { unit: std.funnelSteps.unit });
  const journey = { funnel: 'checkout', source: 'ads', experiment_variant: 'control' };
  // Legit: every declared key, allowed values.
  steps.add(3, { ...journey, step: 'cart_view', device_type: 'desktop' });
  // A key that identifies people: two users, one series once user_id is gone.
  steps.add(2, { ...journey, step: 'shipping', device_type: 'mobile', user_id: 'u-1' });
  steps.add(5, { ...journey, step: 'shipping', device_type: 'mobile', user_id: 'u-2' });
  // Values outside device_type's closed set, and `other` sent as such: one series.
  steps.add(3, { ...journey, step: 'payment', device_type: 'smart-fridge' });
  steps.add(6, { ...journey, step: 'payment', device_type: 'toaster' });
  steps.add(1, { ...journey, step: 'payment', device_type: 'other' });
  // Declared keys missing: present as `other`.
  steps.add(4, { funnel: 'checkout', step: 'review', device_type: 'tablet' });

  // A histogram with a forbidden key: buckets, count and sum of both users add up.
  const duration = meter.createHistogram(std.conversionDuration.name, {
    unit: std.conversionDuration.unit,
    advice: { explicitBucketBoundaries: [1, 5, 15] },
  });
  duration.record(2, { type: 'purchase', user_id: 'u-1' });
  duration.record(10, { type: 'purchase', user_id: 'u-2' });

  // A gauge whose tiers fall outside the closed set: users of both tiers are users of `other`.
  const active = meter.createGauge(std.activeUsers.name, { unit: std.activeUsers.unit });
  active.record(5, { window: 'daily', user_tier: 'free' });
  active.record(7, { window: 'daily', user_tier: 'platinum' });
  active.record(11, { window: 'daily', user_tier: 'gold' });

  // Not in the catalog: a business one (dropped) and a technical one (passes), in the same export.
  meter.createCounter('business.mystery.count', { unit: '{event}' }).add(4, { campaign: 'spring' });
  meter.createCounter('app.jobs.processed', { unit: '{job}' }).add(6, { queue: 'emails' });
}

/** Every business and app series of one sender, keyed by name and labels (job, instance, scope left out). */
const EXPECTED: Record<string, number> = {
  [`${STEPS}{device_type="desktop",experiment_variant="control",funnel="checkout",source="ads",step="cart_view"}`]: 3,
  [`${STEPS}{device_type="mobile",experiment_variant="control",funnel="checkout",source="ads",step="shipping"}`]: 7,
  [`${STEPS}{device_type="other",experiment_variant="control",funnel="checkout",source="ads",step="payment"}`]: 10,
  [`${STEPS}{device_type="tablet",experiment_variant="other",funnel="checkout",source="other",step="review"}`]: 4,
  [`${promBucket(std.conversionDuration)}{le="1",type="purchase"}`]: 0,
  [`${promBucket(std.conversionDuration)}{le="5",type="purchase"}`]: 1,
  [`${promBucket(std.conversionDuration)}{le="15",type="purchase"}`]: 2,
  [`${promBucket(std.conversionDuration)}{le="+Inf",type="purchase"}`]: 2,
  [`${promCount(std.conversionDuration)}{type="purchase"}`]: 2,
  [`${promSum(std.conversionDuration)}{type="purchase"}`]: 12,
  [`${ACTIVE}{user_tier="free",window="daily"}`]: 5,
  [`${ACTIVE}{user_tier="other",window="daily"}`]: 18,
  [`${JOBS}{queue="emails"}`]: 6,
};

/** `name{k="v",...}` with sorted labels; `le` as a number, since paths print `5` or `5.0`. */
function seriesKey(metric: Record<string, string>): string {
  const { __name__: name, job: _job, instance: _instance, ...rest } = metric;
  const labels = Object.entries(rest)
    .filter(([k]) => !k.startsWith('otel_scope_'))
    .map(([k, v]) => [k, k === 'le' && v !== '+Inf' ? String(Number(v)) : v] as const)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`);
  return `${name ?? ''}{${labels.join(',')}}`;
}

interface Backend {
  readonly title: string;
  readonly overlay: CollectorOverlay;
  /** Starts Prometheus and the collector feeding it; returns both, and Prometheus's URL. */
  start(): Promise<{ servers: RunningServer[]; collector: RunningCollector; promUrl: string }>;
}

const BACKENDS: Backend[] = [
  {
    title: 'prometheus exporter → Prometheus 3 scrape (honor_labels)',
    overlay: 'prometheus',
    async start() {
      const collector = await startCollector({ overlay: 'prometheus' });
      const prom = await startPrometheus({
        scrapeInterval: '1s',
        scrapeJobs: [{ jobName: 'otel-collector', targets: [collector.prometheusTarget], honorLabels: true }],
      });
      return { servers: [collector, prom], collector, promUrl: prom.url };
    },
  },
  {
    title: 'otlp_http → Prometheus 3 OTLP receiver',
    overlay: 'otlp-http',
    async start() {
      const prom = await startPrometheus({ otlpReceiver: true });
      // The overlay's endpoint is a base URL: otlp_http appends /v1/metrics.
      const collector = await startCollector({
        overlay: 'otlp-http',
        env: { BIZMETRICS_OTLP_EXPORT_ENDPOINT: prom.otlpUrl.replace(/\/v1\/metrics$/, '') },
      });
      return { servers: [prom, collector], collector, promUrl: prom.url };
    },
  },
  {
    title: 'prometheus_remote_write → Prometheus 3 remote-write receiver',
    overlay: 'remote-write',
    async start() {
      const prom = await startPrometheus({ remoteWriteReceiver: true });
      const collector = await startCollector({
        overlay: 'remote-write',
        env: { BIZMETRICS_REMOTE_WRITE_ENDPOINT: prom.remoteWriteReceiverUrl },
      });
      return { servers: [prom, collector], collector, promUrl: prom.url };
    },
  },
];

describe.each(BACKENDS)('a plain OTel app through the collector: $title', (backend) => {
  const job = `foreign-${backend.overlay}`;
  let servers: RunningServer[] = [];
  let collector: RunningCollector;
  let promUrl: string;
  let provider: MeterProvider | undefined;
  /** The sender's series once they equal {@link EXPECTED}, or as last read when they never did. */
  let series: Record<string, number> = {};

  const read = async (promql: string) =>
    Object.fromEntries(
      (await queryInstant(promUrl, promql)).map((s) => [seriesKey(s.metric), Number(s.value[1])]),
    );

  beforeAll(async () => {
    ({ servers, collector, promUrl } = await backend.start());
    provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': job, 'service.instance.id': 'pod-1' }),
      readers: [
        new PeriodicExportingMetricReader({
          exporter: new OTLPMetricExporter({ url: `${collector.otlpHttpUrl}/v1/metrics` }),
          exportIntervalMillis: 1000,
        }),
      ],
    });
    record(provider);
    // Cumulative values stop changing after the first export that carries them: wait until they
    // equal the expectation (a wrong value never does; the first test then shows the difference).
    const sorted = (r: Record<string, number>) => JSON.stringify(Object.entries(r).sort());
    await eventually(async () => {
      series = await read(`{job="${job}", __name__=~"(business|app)_.+"}`);
      return sorted(series) === sorted(EXPECTED);
    }, 60_000);
  });

  afterAll(async () => {
    await provider?.shutdown();
    const pids = servers.map((s) => s.pid);
    for (const s of [...servers].reverse()) await s.stop();
    for (const pid of pids) expect(isAlive(pid), `pid ${pid} still running`).toBe(false);
  });

  it('holds exactly the expected series and values: legit series exact, nothing else', () => {
    expect(series).toEqual(EXPECTED);
  });

  it('never lets user_id reach Prometheus; the two users add up in one series', async () => {
    expect(await read(`{job="${job}", user_id!=""}`)).toEqual({});
    expect(await read(`${STEPS}{job="${job}", step="shipping"}`)).toEqual({
      [`${STEPS}{device_type="mobile",experiment_variant="control",funnel="checkout",source="ads",step="shipping"}`]: 7,
    });
    expect(await read(`${promCount(std.conversionDuration)}{job="${job}"}`)).toEqual({
      [`${promCount(std.conversionDuration)}{type="purchase"}`]: 2,
    });
    expect(await read(`${promSum(std.conversionDuration)}{job="${job}"}`)).toEqual({
      [`${promSum(std.conversionDuration)}{type="purchase"}`]: 12,
    });
  });

  it('maps values outside a closed set to other, summed with what was sent as other', async () => {
    expect(await read(`{job="${job}", device_type=~"smart-fridge|toaster"}`)).toEqual({});
    expect(await read(`sum by (device_type) (${STEPS}{job="${job}", step="payment"})`)).toEqual({
      '{device_type="other"}': 10,
    });
    expect(await read(`sum by (user_tier) (${ACTIVE}{job="${job}"})`)).toEqual({
      '{user_tier="free"}': 5,
      '{user_tier="other"}': 18,
    });
  });

  it('drops the unknown business.mystery.count and passes the non-business app.jobs.processed', async () => {
    const names = await read(`count by (__name__) ({job="${job}", __name__=~"${MYSTERY}|${JOBS}"})`);
    expect(names).toEqual({ [`${JOBS}{}`]: 1 });
  });

  it('logs no warning or error from the catalog processors', () => {
    expect(
      collector
        .output()
        .split('\n')
        .filter((l) => /\t(warn|error)\t/.test(l)),
    ).toEqual([]);
  });
});
