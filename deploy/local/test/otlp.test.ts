import { ValueType } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, queryInstant, type RunningVictoriaMetrics, startVictoriaMetrics } from '../src/index.ts';

const SERVICE = 'local-stack-otlp';

/** Every series VictoriaMetrics holds for one service, as label sets (`__name__` included). */
async function seriesOf(vm: RunningVictoriaMetrics, service: string): Promise<Record<string, string>[]> {
  const url = new URL('/api/v1/series', vm.url);
  url.searchParams.set('match[]', `{service_name="${service}"}`);
  const body = (await (await fetch(url)).json()) as { data: Record<string, string>[] };
  return body.data;
}

/** Records the catalog's kinds of metric once each and exports them over OTLP http/protobuf. */
async function exportSample(otlpUrl: string): Promise<void> {
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': SERVICE, 'service.version': '1.2.3' }),
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: otlpUrl }),
        exportIntervalMillis: 60_000,
      }),
    ],
  });
  const meter = provider.getMeter('local-stack-test', '0.1.0');
  meter.createCounter('business.funnel.steps', { unit: '{event}' }).add(3, { step: 'cart' });
  meter
    .createHistogram('business.session.duration.seconds', {
      unit: 's',
      advice: { explicitBucketBoundaries: [1, 10] },
    })
    .record(4, { tier: 'free' });
  meter
    .createHistogram('business.order.value.minor', {
      unit: '{minor_unit}',
      valueType: ValueType.INT,
      advice: { explicitBucketBoundaries: [1000] },
    })
    .record(2500, { currency: 'EUR' });
  meter.createGauge('business.active_users', { unit: '{user}' }).record(7);
  // Probes of the translation rules contract 1 builds on.
  meter.createHistogram('probe.wait', { unit: 's', advice: { explicitBucketBoundaries: [1] } }).record(0.5);
  meter.createGauge('probe.share', { unit: '1' }).record(0.25);
  meter.createCounter('probe.sent', { unit: 'By' }).add(10);
  await provider.shutdown(); // exports once more and waits for it
}

describe('OTLP http/protobuf into VictoriaMetrics, with Prometheus naming', { timeout: 60_000 }, () => {
  let vm: RunningVictoriaMetrics;
  let names: string[] = [];
  let series: Record<string, string>[] = [];
  let searchableAfterFlushMs = Number.POSITIVE_INFINITY;

  beforeAll(async () => {
    vm = await startVictoriaMetrics();
    await exportSample(vm.otlpUrl);
    const flushed = Date.now();
    await vm.flush();
    await eventually(async () => {
      series = await seriesOf(vm, SERVICE);
      return series.length >= 17 && (await queryInstant(vm.url, 'business_active_users')).length === 1;
    }, 30_000);
    searchableAfterFlushMs = Date.now() - flushed;
    names = [...new Set(series.map((s) => s['__name__'] as string))].sort();
  }, 60_000);

  afterAll(async () => {
    await vm?.stop();
  });

  it('makes the samples searchable within moments after flush()', () => {
    expect(series).toHaveLength(17);
    expect(searchableAfterFlushMs).toBeLessThan(3_000); // about 10 s without it
  });

  it('appends _total to a monotonic sum and nothing for a curly-brace unit', () => {
    expect(names).toContain('business_funnel_steps_total');
  });

  it('does not repeat a unit word the name already carries (…duration.seconds, unit s)', () => {
    expect(names.filter((n) => n.startsWith('business_session'))).toEqual([
      'business_session_duration_seconds_bucket',
      'business_session_duration_seconds_count',
      'business_session_duration_seconds_sum',
    ]);
  });

  it('adds nothing for curly-brace units on histograms and gauges', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'business_order_value_minor_bucket',
        'business_order_value_minor_count',
        'business_order_value_minor_sum',
        'business_active_users',
      ]),
    );
  });

  it('appends unit suffixes: s → _seconds, 1 on a gauge → _ratio, By → _bytes (+ _total)', () => {
    expect(names).toEqual(
      expect.arrayContaining(['probe_wait_seconds_bucket', 'probe_share_ratio', 'probe_sent_bytes_total']),
    );
  });

  it('turns every resource attribute into a label, and adds no job, instance or scope label', () => {
    expect(series.find((s) => s['__name__'] === 'business_funnel_steps_total')).toEqual({
      __name__: 'business_funnel_steps_total',
      service_name: SERVICE,
      service_version: '1.2.3',
      step: 'cart',
    });
  });

  it('keeps the values: counter, histogram count and sum, gauge', async () => {
    const value = async (q: string) => Number((await queryInstant(vm.url, q))[0]?.value[1]);
    expect(await value('business_funnel_steps_total')).toBe(3);
    expect(await value('business_order_value_minor_sum')).toBe(2500);
    expect(await value('business_order_value_minor_bucket{le="1000"}')).toBe(0);
    expect(await value('business_session_duration_seconds_count')).toBe(1);
    expect(await value('business_active_users')).toBe(7);
  });

  it('accepts protobuf only: a JSON payload is refused', async () => {
    const res = await fetch(vm.otlpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resourceMetrics: [] }),
    });
    expect(res.ok).toBe(false);
  });
});
