import { freePort } from '@bizmetrics/local-stack';
import { findStackBin } from '@bizmetrics/local-stack/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlateRequest, type Point } from '../src/analysis.ts';
import {
  type CorrelateRequest,
  createPrometheusClient,
  PrometheusError,
  renderHtml,
  renderText,
} from '../src/index.ts';
import { type Family, toOpenMetrics } from './support/openmetrics.ts';
import { plantedPair } from './support/planted.ts';
import { type BackfilledPrometheus, startBackfilledPrometheus } from './support/prometheus-server.ts';
import { shopFamilies } from './support/shop-series.ts';

// Planted truth and the tolerances the report must meet. With n ≈ 2000 pairs the standard error
// of r is about 0.014 and that of the slope about 3%; the tolerances are four to five of them.
const STEP = 60;
const N = 2000;
const LAG = 3;
const SLOPE = -0.1; // conversion ratio per second of p99: +100 ms → −1 percentage point
const R = -0.6;
const R_TOLERANCE = 0.06;
const SLOPE_TOLERANCE = 0.15; // relative
// The example service (default queries): 5-minute blocks, conversion follows latency 2 blocks later.
const SHOP = { blocks: 400, lagBlocks: 2, slope: -0.5, correlation: -0.7, seed: 303 };

const RESET_AT = 1000;

/** A raw counter whose increments are the given values, restarting from zero at index `resetAt` (a process restart). */
function cumulativeWithReset(points: readonly Point[], resetAt: number): Point[] {
  let total = 0;
  return points.map(([t, v], i) => {
    total = i === resetAt ? v : total + v;
    return [t, Number(total.toFixed(9))];
  });
}

const available = Boolean(findStackBin('prometheus') && findStackBin('promtool'));
if (!available)
  throw new Error('CI must have Prometheus and promtool: deploy/local/install.sh did not install them');

describe('correlate against real Prometheus with backfilled data', () => {
  const end = Math.floor(Date.now() / 1000 / 300) * 300 - 600;
  const start = end - (N - 1) * STEP;
  const shopStart = end - (SHOP.blocks - 1) * 300;
  let prometheus: BackfilledPrometheus;

  beforeAll(async () => {
    const lagged = plantedPair({
      n: N,
      stepSeconds: STEP,
      start,
      lagSteps: LAG,
      slope: SLOPE,
      correlation: R,
      seed: 101,
    });
    const independent = plantedPair({
      n: N,
      stepSeconds: STEP,
      start,
      lagSteps: 0,
      slope: SLOPE,
      correlation: 0,
      seed: 202,
    });
    const families: Family[] = [
      {
        name: 'planted_p99_seconds',
        type: 'gauge',
        series: new Map([
          ['{scenario="lagged"}', lagged.technical],
          ['{scenario="independent"}', independent.technical],
        ]),
      },
      {
        name: 'planted_conversion_ratio',
        type: 'gauge',
        series: new Map([
          ['{scenario="lagged"}', lagged.business],
          ['{scenario="independent"}', independent.business],
        ]),
      },
      {
        name: 'planted_conversions_total',
        type: 'counter',
        series: new Map([['{scenario="lagged"}', cumulativeWithReset(lagged.business, RESET_AT)]]),
      },
      ...shopFamilies({ ...SHOP, start: shopStart }).families,
    ];
    prometheus = await startBackfilledPrometheus(toOpenMetrics(families));
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  // What `bizmetrics correlate` runs, through the library: a request of plain values.
  const correlate = (request: CorrelateRequest) =>
    correlateRequest({
      prometheus: prometheus.url,
      range: `${(N - 1) * STEP}s`,
      step: `${STEP}s`,
      end: String(end),
      maxLag: 10,
      ...request,
    });
  const failure = (request: CorrelateRequest) =>
    correlate(request).then(
      () => undefined,
      (e: unknown) => e as PrometheusError,
    );
  const planted = {
    technical: { query: 'planted_p99_seconds{scenario="lagged"}', unit: 'seconds' },
    business: { query: 'planted_conversion_ratio{scenario="lagged"}', unit: 'ratio' },
  };
  const shop = { range: `${(SHOP.blocks - 1) * 300}s`, step: '5m', end: String(end) };

  it('recovers the planted coefficient, lag and slope', async () => {
    const { report } = await correlate({ ...planted, per: 0.1 });
    expect(report.verdict.kind).toBe('relationship');
    expect(report.adjusted.bestLagSteps).toBe(LAG);
    expect(report.adjusted.lagInterval).toEqual([LAG, LAG]);
    expect(report.leads).toBe('technical');
    expect(Math.abs(report.raw.pearson.coefficient - R)).toBeLessThan(R_TOLERANCE);
    expect(Math.abs(report.association.slope / SLOPE - 1)).toBeLessThan(SLOPE_TOLERANCE);
    expect(report.association.slopeInterval[0]).toBeLessThan(SLOPE);
    expect(report.association.slopeInterval[1]).toBeGreaterThan(SLOPE);
    expect(report.raw.sampleSize).toBe(N - LAG);
    expect(report.technical.quality.received).toBe(N);
  });

  it('turns a raw counter into a rate, reports its reset, and still recovers the lag', async () => {
    const { report } = await correlate({
      ...planted,
      business: {
        query: 'planted_conversions_total{scenario="lagged"}',
        unit: 'conversions/s',
        counter: true,
      },
    });
    expect(report.business.quality.counterResets).toBe(1);
    expect(report.business.quality.kind).toBe('counter');
    expect(report.adjusted.bestLagSteps).toBe(LAG);
    expect(Math.abs(report.raw.pearson.coefficient - R)).toBeLessThan(R_TOLERANCE);
    expect(report.verdict.reasons.join('\n')).toContain('1 counter reset treated as a restart from zero');
  });

  it('says "no significant relationship" on independent series (text)', async () => {
    const { report } = await correlate({
      technical: { query: 'planted_p99_seconds{scenario="independent"}' },
      business: { query: 'planted_conversion_ratio{scenario="independent"}' },
    });
    expect(renderText(report)).toContain(
      'verdict: no significant relationship between technical metric and business metric',
    );
  });

  it('works out of the box on the example service metrics with the default p99 latency × checkout conversion pair', async () => {
    const { report } = await correlate(shop);
    expect(report.technical.name).toBe('p99 request latency');
    expect(report.business.name).toBe('checkout conversion');
    expect(report.verdict.kind).toBe('relationship');
    expect(report.adjusted.bestLagSteps).toBe(SHOP.lagBlocks);
    expect(Math.abs(report.raw.pearson.coefficient - SHOP.correlation)).toBeLessThan(0.1);
    expect(Math.abs(report.association.slope / SHOP.slope - 1)).toBeLessThan(0.2);
    expect(report.association.sentence).toMatch(
      /^\+100 ms of p99 request latency goes with −[\d.]+ percentage points of checkout conversion 2 steps later/,
    );
  });

  it('renders a self-contained HTML report with both series over time, the scatter and r by lag raw and adjusted', async () => {
    const analysis = await correlate(planted);
    const html = renderHtml(analysis);
    // both series, no profile (33 hours: under two days), the residual scatter, r by lag adjusted and raw
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).toContain('<path d="M');
    expect(html.match(/<circle /g)?.length).toBe(N - LAG);
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it('splits a range longer than 11,000 points into several requests, without losing or repeating a point', async () => {
    const client = createPrometheusClient({ url: prometheus.url });
    const [series] = await client.queryRange('planted_p99_seconds{scenario="lagged"}', {
      start: new Date(start * 1000),
      end: new Date(end * 1000),
      stepSeconds: 10,
    });
    const times = (series?.points ?? []).map((p: Point) => p[0]);
    expect(times).toHaveLength((end - start) / 10 + 1);
    expect(new Set(times).size).toBe(times.length);
  });

  it("turns Prometheus's 11,000-point error into a hint that says what to change", async () => {
    const client = createPrometheusClient({ url: prometheus.url, maxPointsPerSeries: 1_000_000 });
    const error = await client
      .queryRange('planted_p99_seconds', {
        start: new Date(start * 1000),
        end: new Date(end * 1000),
        stepSeconds: 5,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect((error as PrometheusError).kind).toBe('too-many-points');
    expect((error as PrometheusError).message).toMatch(
      /11,000 points[\s\S]*hint: widen the step or shorten the range/,
    );
  });

  it('refuses an unsplit long range before asking, naming the step that would fit', async () => {
    const client = createPrometheusClient({ url: prometheus.url, splitLongRanges: false });
    const range = { start: new Date(start * 1000), end: new Date(end * 1000), stepSeconds: 5 };
    const error = await client.queryRange('planted_p99_seconds', range).catch((e: unknown) => e);
    expect((error as PrometheusError).kind).toBe('too-many-points');
    expect((error as PrometheusError).hint).toMatch(
      /use a step of at least 11s, or a range of at most 15h16m35s/,
    );
  });

  it('reports a PromQL syntax error with the server message and a hint', async () => {
    const error = await failure({ ...planted, technical: { query: 'rate(planted_p99_seconds[5m]' } });
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error?.message).toMatch(
      /bad_data: .*unclosed left parenthesis[\s\S]*hint: fix the PromQL expression/,
    );
  });

  it('asks for one series when a query returns several', async () => {
    const error = await failure({ ...planted, technical: { query: 'planted_p99_seconds' } });
    expect(error?.message).toMatch(
      /technical query returned 2 series .*scenario[\s\S]*hint: aggregate it to one series, e\.g\. wrap it in sum/,
    );
  });

  it('says which query found nothing', async () => {
    const error = await failure({ ...planted, business: { query: 'no_such_metric_total' } });
    expect(error?.message).toMatch(/business query returned no series between .*: no_such_metric_total/);
  });

  it('names the URL when nothing listens there', async () => {
    const error = await failure({ ...planted, prometheus: `http://127.0.0.1:${await freePort()}` });
    expect(error?.message).toMatch(
      /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)[\s\S]*hint: check that Prometheus is running/,
    );
  });
});
