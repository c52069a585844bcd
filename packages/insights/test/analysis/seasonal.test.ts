import { describe, expect, it } from 'vitest';
import { correlateSeries, type Point } from '../../src/analysis.ts';
import type { CorrelationReport } from '../../src/index.ts';
import { seasonalPair } from '../support/seasonal.ts';

const STEP = 300;
const analyse = (technical: Point[], business: Point[]): CorrelationReport =>
  correlateSeries(
    { name: 'p99 latency', unit: 'seconds', series: { name: 'p99', points: technical } },
    { name: 'conversion', unit: 'ratio', series: { name: 'conv', points: business } },
    { stepSeconds: STEP, technicalDelta: 0.1 },
  ).report;

describe('correlateSeries on series that share a daily and weekly cycle', () => {
  it('finds no relationship when the cycle is all they share, though the raw figures claim one', () => {
    const { technical, business } = seasonalPair({
      days: 14,
      stepSeconds: STEP,
      lagSteps: 0,
      slope: 0,
      seed: 1,
    });
    const report = analyse(technical, business);
    // The fooled report: strongly negative, "significant", technical "leading" by about an hour.
    expect(report.raw.pearson.coefficient).toBeLessThan(-0.85);
    expect(report.raw.pearson.pAdjusted).toBeLessThan(0.05);
    expect(Math.abs(report.raw.bestLagSteps)).toBeGreaterThan(6);
    expect(report.adjustment.season).toBe('weekly');
    expect(report.adjustment.note).toBeUndefined();
    expect(report.basis).toBe('adjusted');
    expect(report.verdict.kind).toBe('no-significant-relationship');
    expect(report.adjusted.pearson.pAdjusted).toBeGreaterThan(0.05);
    expect(Math.abs(report.adjusted.pearson.coefficient)).toBeLessThan(0.1);
    expect(report.leads).toBe('neither');
    expect(report.verdict.summary).toMatch(
      /^no significant relationship between p99 latency and conversion after removing daily and weekly cycles and the trend/,
    );
    expect(report.verdict.reasons.join('\n')).toContain(
      'the raw correlation comes from what both series share',
    );
  });

  it('keeps false alarms near the significance level over 40 seeds (calibration)', () => {
    let alarms = 0;
    for (let seed = 1000; seed < 1040; seed++) {
      const { technical, business } = seasonalPair({
        days: 4,
        stepSeconds: STEP,
        lagSteps: 0,
        slope: 0,
        seed,
      });
      if (analyse(technical, business).verdict.kind === 'relationship') alarms++;
    }
    // alpha = 0.05: 2 expected; more than 6 of 40 has probability < 0.3% if the test is calibrated.
    expect(alarms).toBeLessThanOrEqual(6);
  });

  it('finds an effect of the technical series’ own variation 3 steps later: lag 3 ± 1, slope within 25%', () => {
    const slope = -0.2;
    const { technical, business } = seasonalPair({
      days: 14,
      stepSeconds: STEP,
      lagSteps: 3,
      slope,
      seed: 2,
    });
    const report = analyse(technical, business);
    expect(report.verdict.kind).toBe('relationship');
    expect(Math.abs(report.adjusted.bestLagSteps - 3)).toBeLessThanOrEqual(1);
    expect(report.adjusted.lagInterval[0]).toBeGreaterThanOrEqual(2);
    expect(report.adjusted.lagInterval[1]).toBeLessThanOrEqual(4);
    expect(Math.abs(report.association.slope / slope - 1)).toBeLessThan(0.25);
    expect(report.association.slopeInterval[0]).toBeLessThan(slope);
    expect(report.association.slopeInterval[1]).toBeGreaterThan(slope);
    expect(report.leads).toBe('technical');
    expect(report.verdict.summary).toMatch(
      /^conversion moves against p99 latency after removing daily and weekly cycles and the trend .*p99 latency leads by 3 steps \(15m/,
    );
  });

  it('puts a same-step effect at lag 0, not on a neighbour', () => {
    const { technical, business } = seasonalPair({
      days: 14,
      stepSeconds: STEP,
      lagSteps: 0,
      slope: -0.2,
      seed: 3,
    });
    const report = analyse(technical, business);
    expect(report.verdict.kind).toBe('relationship');
    expect(report.adjusted.bestLagSteps).toBe(0);
    expect(report.adjusted.lagInterval).toEqual([0, 0]);
    expect(report.leads).toBe('neither');
    expect(report.verdict.summary).toContain('they move at the same step (lag 0)');
  });

  it('says a range under two weeks removes only the daily cycle', () => {
    const { technical, business } = seasonalPair({
      days: 3,
      stepSeconds: STEP,
      lagSteps: 2,
      slope: -0.2,
      seed: 4,
    });
    const report = analyse(technical, business);
    expect(report.adjustment.season).toBe('daily');
    expect(report.adjustment.note).toBe(
      'needs ≥ 2 weeks to remove a weekly cycle; got 3d: reporting daily-adjusted only',
    );
    expect(report.verdict.summary).toContain('(needs ≥ 2 weeks to remove a weekly cycle; got 3d');
    expect(report.adjusted.bestLagSteps).toBe(2);
  });

  it('says a range under two days removes no cycle, and why that leaves doubt', () => {
    const { technical, business } = seasonalPair({
      days: 1,
      stepSeconds: STEP,
      lagSteps: 0,
      slope: 0,
      seed: 5,
    });
    const report = analyse(technical, business);
    expect(report.adjustment.season).toBe('none');
    expect(report.adjustment.note).toMatch(
      /^needs ≥ 2 days to remove a daily cycle; got 1d: only a linear trend is removed/,
    );
  });

  it('names the series on another grid instead of pairing it', () => {
    const { technical, business } = seasonalPair({
      days: 3,
      stepSeconds: STEP,
      lagSteps: 0,
      slope: 0,
      seed: 6,
    });
    const sparse = business.filter((_, i) => i % 3 === 0);
    const report = analyse(technical, sparse);
    expect(report.verdict.kind).toBe('step-mismatch');
    expect(report.verdict.summary).toBe(
      'conversion has a sample every 15m, not every 5m (the step): query both series with the same step, or set the step to 15m',
    );
  });

  it('still judges through gaps: a missing half day leaves the planted lag', () => {
    const { technical, business } = seasonalPair({
      days: 4,
      stepSeconds: STEP,
      lagSteps: 2,
      slope: -0.2,
      seed: 7,
    });
    const holed = business.filter((_, i) => i < 300 || i >= 444);
    const report = analyse(technical, holed);
    expect(report.business.quality.gaps).toHaveLength(1);
    expect(report.adjusted.bestLagSteps).toBe(2);
    expect(report.verdict.kind).toBe('relationship');
  });

  it('refuses a verdict when the fitted cycle leaves too few free pairs, and says to widen the range', () => {
    const { technical, business } = seasonalPair({
      days: 2,
      stepSeconds: 3600,
      lagSteps: 0,
      slope: -0.2,
      seed: 8,
    });
    const report = correlateSeries(
      { name: 'p99 latency', unit: 'seconds', series: { name: 'p99', points: technical } },
      { name: 'conversion', unit: 'ratio', series: { name: 'conv', points: business } },
      { stepSeconds: 3600 },
    ).report;
    expect(report.adjustment.parameters).toBe(25);
    expect(report.verdict.kind).toBe('insufficient-data');
    expect(report.verdict.summary).toMatch(
      /^not enough data after removing the daily cycle and the trend: 48 paired samples leave \d+ free, at least 30 needed — widen the range$/,
    );
  });

  it('says nothing is left when a series is its daily cycle alone, instead of printing NaN', () => {
    const { technical } = seasonalPair({ days: 4, stepSeconds: STEP, lagSteps: 0, slope: 0, seed: 9 });
    const cycle = technical.map(([t]): Point => [t, 0.3 + 0.1 * Math.sin((2 * Math.PI * t) / 86_400)]);
    const report = analyse(technical, cycle);
    expect(report.verdict.kind).toBe('constant-series');
    expect(report.verdict.summary).toMatch(
      /^nothing is left to correlate once the daily cycle and the trend are removed/,
    );
    expect(report.verdict.summary).not.toMatch(/NaN/);
  });
});
