import type { RunningVictoriaMetrics } from '@bizmetrics/local-stack';
import { findStackBin } from '@bizmetrics/local-stack/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlatePrometheus, createPrometheusClient, PrometheusError } from '../src/index.ts';
import { plantedPair } from './support/planted.ts';
import { startLoadedVictoriaMetrics } from './support/victoria-server.ts';

// The same client and analysis against VictoriaMetrics, which speaks the Prometheus HTTP API
// with its own limits (30,000 points per series) and error texts.
const STEP = 60;
const N = 1500;
const available = Boolean(findStackBin('victoria-metrics'));
if (!available) throw new Error('CI must have victoria-metrics: deploy/local/install.sh did not install it');

describe('correlate against real VictoriaMetrics', () => {
  const end = Math.floor(Date.now() / 1000 / 300) * 300 - 3600;
  const start = end - (N - 1) * STEP;
  let vm: RunningVictoriaMetrics;

  beforeAll(async () => {
    const pair = plantedPair({
      n: N,
      stepSeconds: STEP,
      start,
      lagSteps: 2,
      slope: -0.1,
      correlation: -0.6,
      seed: 404,
    });
    vm = await startLoadedVictoriaMetrics(
      new Map([
        ['vm_p99_seconds', pair.technical],
        ['vm_conversion_ratio', pair.business],
      ]),
    );
  });

  afterAll(async () => {
    await vm?.stop();
  });

  it('recovers the planted lag and slope through the same client', async () => {
    const client = createPrometheusClient({ url: vm.url, maxPointsPerSeries: 30_000 });
    const { report } = await correlatePrometheus({
      client,
      technical: { name: 'p99', query: 'vm_p99_seconds', unit: 'seconds' },
      business: { name: 'conversion', query: 'vm_conversion_ratio', unit: 'ratio' },
      start: new Date(start * 1000),
      end: new Date(end * 1000),
      stepSeconds: STEP,
    });
    expect(report.verdict.kind).toBe('relationship');
    expect(report.adjusted.bestLagSteps).toBe(2);
    expect(report.raw.sampleSize).toBeGreaterThan(N - 10);
    expect(Math.abs(report.raw.pearson.coefficient + 0.6)).toBeLessThan(0.07);
    expect(Math.abs(report.association.slope / -0.1 - 1)).toBeLessThan(0.15);
  });

  it("turns VictoriaMetrics's point limit into the same too-many-points error", async () => {
    const client = createPrometheusClient({ url: vm.url, maxPointsPerSeries: 10_000_000 });
    const error = await client
      .queryRange('vm_p99_seconds', {
        start: new Date(start * 1000),
        end: new Date(end * 1000),
        stepSeconds: 1,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect((error as PrometheusError).kind).toBe('too-many-points');
  });

  it('reports a PromQL error from VictoriaMetrics as a bad query', async () => {
    const client = createPrometheusClient({ url: vm.url });
    const error = await client.query('sum(vm_p99_seconds').catch((e: unknown) => e);
    expect((error as PrometheusError).kind).toBe('bad-query');
  });
});
