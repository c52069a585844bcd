import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { findStackBin, freePort } from '@bizmetrics/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCorrelate } from '../../cli/src/commands/correlate.ts';
import { type CorrelationReport, createPrometheusClient, type Point, PrometheusError } from '../src/index.ts';
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
  const outputs: string[] = [];

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
    for (const file of outputs) await rm(file, { force: true });
  });

  const cli = async (args: Record<string, string | boolean>) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCorrelate(
      {
        prometheus: prometheus.url,
        range: `${(N - 1) * STEP}s`,
        step: `${STEP}s`,
        end: String(end),
        maxLag: '10',
        minSamples: '30',
        alpha: '0.05',
        format: 'text',
        timeout: '30s',
        maxPoints: '11000',
        ...args,
      },
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t) },
    );
    return { code, stdout: out.join(''), stderr: err.join('') };
  };
  const planted = {
    technical: 'planted_p99_seconds{scenario="lagged"}',
    business: 'planted_conversion_ratio{scenario="lagged"}',
    technicalUnit: 'seconds',
    businessUnit: 'ratio',
  };

  it('recovers the planted coefficient, lag and slope (--format json)', async () => {
    const { code, stdout } = await cli({ ...planted, format: 'json', per: '0.1' });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CorrelationReport;
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

  it('turns a raw counter into a rate, reports its reset, and still recovers the lag (--business-counter)', async () => {
    const { code, stdout } = await cli({
      ...planted,
      business: 'planted_conversions_total{scenario="lagged"}',
      businessCounter: true,
      businessUnit: 'conversions/s',
      format: 'json',
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CorrelationReport;
    expect(report.business.quality.counterResets).toBe(1);
    expect(report.business.quality.kind).toBe('counter');
    expect(report.adjusted.bestLagSteps).toBe(LAG);
    expect(Math.abs(report.raw.pearson.coefficient - R)).toBeLessThan(R_TOLERANCE);
    expect(report.verdict.reasons.join('\n')).toContain('1 counter reset treated as a restart from zero');
  });

  it('says "no significant relationship" on independent series (text)', async () => {
    const { code, stdout } = await cli({
      technical: 'planted_p99_seconds{scenario="independent"}',
      business: 'planted_conversion_ratio{scenario="independent"}',
    });
    expect(code).toBe(0);
    expect(stdout).toContain(
      'verdict: no significant relationship between technical metric and business metric',
    );
  });

  it('works out of the box on the example service metrics with the default p99 latency × checkout conversion pair', async () => {
    const { code, stdout, stderr } = await cli({
      range: `${(SHOP.blocks - 1) * 300}s`,
      step: '5m',
      end: String(end),
      format: 'json',
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CorrelationReport;
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

  it('runs as `pnpm bizmetrics correlate --prometheus URL --range 7d --step 5m` (the root script, a real process)', async () => {
    const root = resolve(import.meta.dirname, '../../..');
    const script =
      (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
        .scripts.bizmetrics ?? '';
    const [node, ...args] = script.split(' ');
    expect(node).toBe('node');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        ...args,
        'correlate',
        '--prometheus',
        prometheus.url,
        '--range',
        '7d',
        '--step',
        '5m',
        '--end',
        String(end),
      ],
      { cwd: root },
    );
    expect(stdout).toMatch(
      /^p99 request latency → checkout conversion\n\nverdict: checkout conversion moves against p99 request latency after removing the trend \(strong, adjusted r = -0\.\d+, p [^)]+\); p99 request latency leads by 2 steps \(10m; 95% lag interval 2 to 2\); associated: \+100 ms of p99 request latency goes with −[\d.]+ percentage points of checkout conversion/,
    );
  });

  it('takes the business KPI from a recording rule of the rules default config', async () => {
    const { code, stdout, stderr } = await cli({
      range: `${(SHOP.blocks - 1) * 300}s`,
      step: '5m',
      end: String(end),
      format: 'json',
      businessRule: 'funnel:checkout_conversion:ratio_rate5m',
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CorrelationReport;
    expect(report.business.name).toBe('funnel:checkout_conversion:ratio_rate5m');
    expect(report.business.query).toContain(
      'business_funnel_steps_total{funnel="checkout", step="confirmed"}',
    );
    expect(report.adjusted.bestLagSteps).toBe(SHOP.lagBlocks);
    expect(Math.abs(report.association.slope / SHOP.slope - 1)).toBeLessThan(0.2);
  });

  it('writes a self-contained HTML report with both series over time, the scatter and r by lag', async () => {
    const file = join(tmpdir(), `bizmetrics-correlate-${process.pid}.html`);
    outputs.push(file);
    const { code, stderr } = await cli({ ...planted, format: 'html', out: file });
    expect(code).toBe(0);
    expect(stderr).toMatch(/report written to .*\.html: business metric moves against technical metric/);
    const html = await readFile(file, 'utf8');
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

  it('reports a PromQL syntax error with the server message and a hint, exit code 1', async () => {
    const { code, stderr } = await cli({ ...planted, technical: 'rate(planted_p99_seconds[5m]' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad_data: .*unclosed left parenthesis[\s\S]*hint: fix the PromQL expression/);
  });

  it('asks for one series when a query returns several', async () => {
    const { code, stderr } = await cli({ ...planted, technical: 'planted_p99_seconds' });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /technical query returned 2 series .*scenario[\s\S]*hint: aggregate it to one series, e\.g\. wrap it in sum/,
    );
  });

  it('says which query found nothing', async () => {
    const { code, stderr } = await cli({ ...planted, business: 'no_such_metric_total' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/business query returned no series between .*: no_such_metric_total/);
  });

  it('names the URL when nothing listens there', async () => {
    const { code, stderr } = await cli({ ...planted, prometheus: `http://127.0.0.1:${await freePort()}` });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)[\s\S]*hint: check that Prometheus is running/,
    );
  });
});
