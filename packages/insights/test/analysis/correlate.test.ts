import { describe, expect, it } from 'vitest';
import { correlateSeries, type Point } from '../../src/analysis.ts';
import { normal, plantedPair } from '../support/planted.ts';

const STEP = 300;
const analyse = (technical: Point[], business: Point[], technicalDelta?: number) =>
  correlateSeries(
    { name: 'p99 latency', unit: 'seconds', series: { name: 'p99', points: technical } },
    { name: 'conversion', unit: 'ratio', series: { name: 'conv', points: business } },
    { stepSeconds: STEP, technicalDelta },
  ).report;

describe('correlateSeries', () => {
  it('recovers a planted correlation, lag and slope and states the impact in business units', () => {
    const { technical, business } = plantedPair({
      n: 1000,
      stepSeconds: STEP,
      start: 1_700_000_000,
      lagSteps: 2,
      slope: -0.1,
      correlation: -0.6,
      seed: 11,
    });
    const report = analyse(technical, business, 0.1);
    expect(report.verdict.kind).toBe('relationship');
    expect(report.adjusted.bestLagSteps).toBe(2);
    expect(report.adjusted.lagInterval).toEqual([2, 2]);
    expect(report.leads).toBe('technical');
    // Raw r is the planted one; prewhitening removes the technical series' own autocorrelation
    // from both, which leaves the slope and lowers |r| by the share of variance the AR model explains.
    expect(report.raw.pearson.coefficient).toBeGreaterThan(-0.66);
    expect(report.raw.pearson.coefficient).toBeLessThan(-0.54);
    expect(report.association.slope).toBeGreaterThan(-0.115);
    expect(report.association.slope).toBeLessThan(-0.085);
    expect(report.association.slopeInterval[0]).toBeLessThan(-0.1);
    expect(report.association.slopeInterval[1]).toBeGreaterThan(-0.1);
    expect(report.association.sentence).toMatch(
      /^\+100 ms of p99 latency goes with −[\d.]+ percentage points of conversion 2 steps later \(95% CI −[\d.]+ to −[\d.]+\)$/,
    );
    expect(report.verdict.summary).toContain('p99 latency leads by 2 steps (10m; 95% lag interval 2 to 2)');
    expect(report.verdict.summary).not.toMatch(/caus|impact/);
  });

  it('says "no significant relationship" for independent series', () => {
    const { technical, business } = plantedPair({
      n: 1000,
      stepSeconds: STEP,
      start: 1_700_000_000,
      lagSteps: 0,
      slope: -0.1,
      correlation: 0,
      seed: 12,
    });
    const report = analyse(technical, business);
    expect(report.verdict.kind).toBe('no-significant-relationship');
    expect(report.verdict.summary).toMatch(/^no significant relationship between p99 latency and conversion/);
    expect(report.adjusted.pearson.pAdjusted).toBeGreaterThan(0.05);
    expect(report.leads).toBe('neither');
  });

  it('does not call two unrelated slow trends related, though the plain p-value would', () => {
    const z = normal(21);
    const technical: Point[] = Array.from({ length: 400 }, (_, i) => [
      i * STEP,
      0.3 + 0.05 * Math.sin(i / 40) + 0.002 * z(),
    ]);
    const business: Point[] = Array.from({ length: 400 }, (_, i) => [
      i * STEP,
      0.05 + 0.01 * Math.sin(i / 33 + 1) + 0.0005 * z(),
    ]);
    const report = analyse(technical, business);
    expect(report.raw.pearson.p).toBeLessThan(0.001);
    expect(report.raw.effectiveSampleSize).toBeLessThan(60);
    expect(report.verdict.kind).toBe('no-significant-relationship');
  });

  it('refuses to judge with fewer pairs than the minimum and says what to change', () => {
    const { technical, business } = plantedPair({
      n: 12,
      stepSeconds: STEP,
      start: 0,
      lagSteps: 0,
      slope: -0.1,
      correlation: -0.9,
      seed: 13,
    });
    const report = analyse(technical, business);
    expect(report.verdict.kind).toBe('insufficient-data');
    expect(report.verdict.summary).toBe(
      'not enough data: 12 paired samples, at least 30 needed — widen the range or shorten the step',
    );
  });

  it('names the constant series instead of printing a NaN coefficient', () => {
    const technical: Point[] = Array.from({ length: 50 }, (_, i) => [i * STEP, 0.2 + (i % 7) / 100]);
    const business: Point[] = Array.from({ length: 50 }, (_, i) => [i * STEP, 0.05]);
    const report = analyse(technical, business);
    expect(report.verdict.kind).toBe('constant-series');
    expect(report.verdict.summary).toBe(
      'conversion is constant (0.05) over the range: no relationship can be measured',
    );
  });

  it('reports NaN samples and gaps among the reasons', () => {
    const { technical, business } = plantedPair({
      n: 300,
      stepSeconds: STEP,
      start: 0,
      lagSteps: 0,
      slope: -0.1,
      correlation: -0.8,
      seed: 14,
    });
    const holed = business
      .map(([t, v], i): Point => [t, i % 50 === 0 ? Number.NaN : v])
      .filter((_, i) => i < 100 || i > 110);
    const report = analyse(technical, holed);
    expect(report.business.quality.nonFinite).toBe(5);
    expect(report.business.quality.gaps).toHaveLength(1);
    expect(report.verdict.reasons.join('\n')).toContain('conversion: 5 NaN/Inf samples dropped');
  });
});
