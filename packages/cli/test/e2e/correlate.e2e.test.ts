import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { CorrelationReport } from '@bizmetrics/insights';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The insights package's backfill support: the same simulated example service its own e2e tests use.
import { toOpenMetrics } from '../../../insights/test/support/openmetrics.ts';
import {
  type BackfilledPrometheus,
  startBackfilledPrometheus,
} from '../../../insights/test/support/prometheus-server.ts';
import { shopFamilies } from '../../../insights/test/support/shop-series.ts';
import { type CorrelateCliOptions, runCorrelate } from '../../src/commands/correlate.ts';

// The example service: 5-minute blocks, conversion follows p99 latency 2 blocks later.
const SHOP = { blocks: 400, lagBlocks: 2, slope: -0.5, correlation: -0.7, seed: 303 };
const ROOT = resolve(import.meta.dirname, '../../../..');

describe('bizmetrics correlate against real Prometheus with the example service backfilled', () => {
  const end = Math.floor(Date.now() / 1000 / 300) * 300 - 600;
  let prometheus: BackfilledPrometheus;
  const outputs: string[] = [];

  beforeAll(async () => {
    const start = end - (SHOP.blocks - 1) * 300;
    prometheus = await startBackfilledPrometheus(toOpenMetrics(shopFamilies({ ...SHOP, start }).families));
  });

  afterAll(async () => {
    await prometheus?.stop();
    for (const file of outputs) await rm(file, { force: true });
  });

  const cli = async (args: CorrelateCliOptions) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCorrelate(
      {
        prometheus: prometheus.url,
        range: `${(SHOP.blocks - 1) * 300}s`,
        step: '5m',
        end: String(end),
        ...args,
      },
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t) },
    );
    return { code, stdout: out.join(''), stderr: err.join('') };
  };

  it('runs as `pnpm bizmetrics correlate --prometheus URL --range 7d --step 5m` (the root script, a real process)', async () => {
    const script =
      (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
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
      { cwd: ROOT },
    );
    expect(stdout).toMatch(
      /^p99 request latency → checkout conversion\n\nverdict: checkout conversion moves against p99 request latency after removing the trend \(strong, adjusted r = -0\.\d+, p [^)]+\); p99 request latency leads by 2 steps \(10m; 95% lag interval 2 to 2\); associated: \+100 ms of p99 request latency goes with −[\d.]+ percentage points of checkout conversion/,
    );
  });

  it('takes the business KPI from a recording rule of the rules default config', async () => {
    const { code, stdout, stderr } = await cli({
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

  it('writes the HTML report to --out and prints the verdict on stderr', async () => {
    const file = join(tmpdir(), `bizmetrics-correlate-${process.pid}.html`);
    outputs.push(file);
    const { code, stderr } = await cli({ format: 'html', out: file });
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /report written to .*\.html: checkout conversion moves against p99 request latency/,
    );
    const html = await readFile(file, 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it('exits 1 with the server message and a hint when a query is wrong', async () => {
    const { code, stderr } = await cli({ technical: 'rate(x[5m]' });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^bizmetrics correlate: .*bad_data: .*unclosed left parenthesis[\s\S]*hint: fix the PromQL/,
    );
  });
});
