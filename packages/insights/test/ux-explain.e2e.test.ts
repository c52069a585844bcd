import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Point } from '../src/analysis.ts';
import { createPrometheusClient, explainUxScore } from '../src/index.ts';
import { toOpenMetrics } from './support/openmetrics.ts';
import { type BackfilledPrometheus, startBackfilledPrometheus } from './support/prometheus-server.ts';

// An hour of the score's recorded parts, as the rules' uxScoreRules write them: Apdex drops from
// 0.9 to 0.6 at half past, the error-free share stays at 0.99.
const END = Math.floor(Date.now() / 1000 / 60) * 60 - 600;
const START = END - 3600;
const minutes = (f: (t: number) => number): Point[] =>
  Array.from({ length: 61 }, (_, i) => [START + i * 60, f(START + i * 60)] as const);

describe('explainUxScore against real Prometheus', () => {
  let prometheus: BackfilledPrometheus;
  beforeAll(async () => {
    prometheus = await startBackfilledPrometheus(
      toOpenMetrics([
        {
          name: 'ux:component:ratio_rate5m',
          type: 'gauge',
          series: new Map([
            ['{component="apdex"}', minutes((t) => (t < START + 1800 ? 0.9 : 0.6))],
            ['{component="error_free"}', minutes(() => 0.99)],
          ]),
        },
        {
          name: 'ux:component:weight',
          type: 'gauge',
          series: new Map([
            ['{component="apdex"}', minutes(() => 0.5)],
            ['{component="error_free"}', minutes(() => 0.25)],
          ]),
        },
      ]),
    );
  });
  afterAll(async () => {
    await prometheus?.stop();
  });

  it('reads the recorded parts at two times and blames Apdex for the drop', async () => {
    const client = createPrometheusClient({ url: prometheus.url });
    const e = await explainUxScore(client, new Date((START + 600) * 1000), new Date((END - 60) * 1000));
    expect(e.before).toBeCloseTo((0.5 * 0.9 + 0.25 * 0.99) / 0.75, 12);
    expect(e.after).toBeCloseTo((0.5 * 0.6 + 0.25 * 0.99) / 0.75, 12);
    expect(e.components.map((c) => c.component)).toEqual(['apdex', 'error_free']);
    expect(e.components[0]?.contribution).toBeCloseTo(-0.2, 12);
    expect(e.sentence).toBe(
      'the score went from 93.0% to 73.0% (−20.0 points): apdex 90.0% → 60.0% (−20.0 points)',
    );
  });

  it('says to load the rules when nothing is recorded', async () => {
    const client = createPrometheusClient({ url: prometheus.url });
    const error = await explainUxScore(client, new Date((START - 7200) * 1000), new Date(END * 1000)).catch(
      (x: Error) => x,
    );
    expect((error as Error).message).toMatch(/^no ux:component:ratio_rate5m with a ux:component:weight at /);
  });
});
