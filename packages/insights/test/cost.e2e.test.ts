import { findStackBin } from '@bizmetrics/local-stack/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CostLine } from '../src/cost.ts';
import {
  createPrometheusClient,
  estimateIncidentCost,
  renderCostHtml,
  renderCostText,
} from '../src/index.ts';
import { toOpenMetrics } from './support/openmetrics.ts';
import { type BackfilledPrometheus, startBackfilledPrometheus } from './support/prometheus-server.ts';
import { MONDAY } from './support/seasonal.ts';
import { type ShopWeeks, shopWeeks } from './support/shop-weeks.ts';

if (!findStackBin('prometheus') || !findStackBin('promtool'))
  throw new Error('CI must have Prometheus and promtool: deploy/local/install.sh did not install them');

// Six weeks of the example shop; a two-hour payment outage on the sixth Wednesday afternoon. The
// first four weeks are the baseline of the fifth, whose windows give the interval; the sixth holds
// the incident.
const WEEK = 604_800;
const INCIDENT = {
  start: MONDAY + 5 * WEEK + 2 * 86_400 + 14 * 3600,
  end: MONDAY + 5 * WEEK + 2 * 86_400 + 16 * 3600,
};
const NOW = new Date((MONDAY + 6 * WEEK) * 1000);

describe('estimateIncidentCost against real Prometheus with six weeks of the shop backfilled', () => {
  let prometheus: BackfilledPrometheus;
  let shop: ShopWeeks;

  beforeAll(async () => {
    shop = shopWeeks({
      start: MONDAY,
      weeks: 6,
      peakVisitorsPerMinute: 30,
      incident: { name: 'payment-outage', ...INCIDENT },
      alertDelaySeconds: 600,
      // Calibration, measured over seeds 7–11 and 20–59 (45 runs): the orders estimate was within
      // 7.9% of the truth every time; the 95% interval covered the lost orders in 23 of 25 runs of
      // the final method and each currency's lost revenue in 96 of 100. Seeds 7, 8 and 11 are among
      // the misses (a 95% interval misses one run in twenty); 20 is the first of the later batch,
      // where every interval covers. A fixed seed checks one draw, the numbers above the method.
      seed: 20,
    });
    prometheus = await startBackfilledPrometheus(toOpenMetrics(shop.families), {
      retention: '90d',
      maxBlockDuration: '168h',
    });
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  const client = () => createPrometheusClient({ url: prometheus.url });
  const covers = (l: CostLine | undefined, truth: number) => {
    expect(l?.interval).not.toBeNull();
    expect(l?.interval?.[0]).toBeLessThan(truth);
    expect(l?.interval?.[1]).toBeGreaterThan(truth);
  };

  it('estimates the lost orders within 10% and revenue per currency, each interval covering the truth', async () => {
    const analysis = await estimateIncidentCost({
      client: client(),
      window: { start: new Date(INCIDENT.start * 1000), end: new Date(INCIDENT.end * 1000) },
      now: NOW,
    });
    const { report } = analysis;
    const truth = shop.truth(INCIDENT.start, INCIDENT.end);
    const orders = report.lines.find((l) => l.metric === 'orders');
    expect(truth.orders).toBeGreaterThan(500);
    expect(Math.abs((orders?.lost ?? 0) / truth.orders - 1)).toBeLessThan(0.1);
    covers(orders, truth.orders);
    // The outage takes every order: nearly all that was expected is lost.
    expect(orders?.lostShare).toBeGreaterThan(0.9);
    const purchases = report.lines.find((l) => l.metric === 'conversions' && l.group === 'purchase');
    expect(purchases?.lost).toBeCloseTo(orders?.lost ?? Number.NaN, 6);
    for (const [currency, lost] of Object.entries(truth.revenue)) {
      const line = report.lines.find((l) => l.metric === 'revenue' && l.group === currency);
      covers(line, lost);
      expect(Math.abs((line?.lost ?? 0) / lost - 1)).toBeLessThan(0.25);
    }
    const total = (lines: readonly CostLine[]) => lines.filter((l) => l.money).length;
    expect(total(report.lines)).toBe(4);
    expect(report.summary).toMatch(
      /^over 2h \(given\), against the median of the same hours in the 4 previous weeks — orders: [\d,]+ orders lost \(95% interval/,
    );
    expect(renderCostText(report)).toMatch(/revenue EUR +lost EUR [\d,]+\.\d\d of EUR/);
    const html = renderCostHtml(analysis);
    expect(html.match(/<svg /g)).toHaveLength(report.lines.length);
  });

  it('finds the window from the alert that fired in ALERTS', async () => {
    const { report } = await estimateIncidentCost({
      client: client(),
      alert: 'PaymentStepConversionDrop',
      // The alert fired 10 minutes in: its first firing step covers 5 of them, 5 more are padded.
      alertPadSeconds: 300,
      searchFrom: new Date((INCIDENT.start - 86_400) * 1000),
      searchTo: NOW,
      now: NOW,
    });
    expect(report.window).toEqual({
      start: new Date(INCIDENT.start * 1000).toISOString(),
      end: new Date(INCIDENT.end * 1000).toISOString(),
      seconds: 7200,
      source: 'alert PaymentStepConversionDrop firing',
    });
    covers(
      report.lines.find((l) => l.metric === 'orders'),
      shop.truth(INCIDENT.start, INCIDENT.end).orders,
    );
  });

  it('gives no number when the range holds fewer weeks than the baseline needs, and says why', async () => {
    const start = MONDAY + 2 * WEEK + 3600 * 14;
    const { report } = await estimateIncidentCost({
      client: client(),
      window: { start: new Date(start * 1000), end: new Date((start + 3600) * 1000) },
      now: NOW,
    });
    expect(report.lines).toHaveLength(0);
    expect(report.summary).toBe('no estimate: none of the metrics could be costed (see notes)');
    expect(report.notes[0]).toMatch(
      /^orders: needs 4 weeks of data before the incident for the seasonal baseline; got 14d13h55m: query a longer range or lower the baseline weeks$/,
    );
  });

  it('costs a window that runs to now up to the newest step, not into the future (seen on the demo: "samples are missing")', async () => {
    const now = new Date((INCIDENT.end + 10) * 1000);
    const { report } = await estimateIncidentCost({
      client: client(),
      window: { start: new Date(INCIDENT.start * 1000), end: now },
      now,
    });
    expect(report.window.end).toBe(new Date(INCIDENT.end * 1000).toISOString());
    expect(report.notes).toEqual([`the window runs past the newest data: costed up to ${report.window.end}`]);
    expect(report.lines.find((l) => l.metric === 'orders')?.lost).toBeGreaterThan(500);
  });

  it('names an alert that never fired', async () => {
    const error = await estimateIncidentCost({ client: client(), alert: 'NoSuchAlert', now: NOW }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/^alert NoSuchAlert did not fire between /);
  });
});
