import { sampleCorrelation } from 'simple-statistics';
import { toKey } from '../align/clean.ts';
import type { CleanSeries } from '../align/series.ts';

/** Pearson's r between the technical series and the business series `lagSteps` later. */
export interface LagPoint {
  readonly lagSteps: number;
  readonly r: number;
  readonly n: number;
}

/** A cross-correlation scan over lags -maxLagSteps..+maxLagSteps. */
export interface LagScan {
  readonly lags: readonly LagPoint[];
  /** The lag with the largest |r| among those with at least `minSamples` pairs (lag 0 if none). */
  readonly best: LagPoint;
}

/**
 * Lagged cross-correlation: a positive best lag k means the business metric follows the technical
 * one k steps later (technical leads); a negative one means the business metric moves first.
 * Pairs are matched by timestamp, so gaps never shift one series against the other.
 */
export function scanLags(
  technical: CleanSeries,
  business: CleanSeries,
  maxLagSteps: number,
  minSamples: number,
): LagScan {
  const lags: LagPoint[] = [];
  const stepMs = toKey(technical.stepSeconds);
  const x = new Float64Array(technical.values.size);
  const y = new Float64Array(technical.values.size);
  for (let lag = -maxLagSteps; lag <= maxLagSteps; lag++) {
    // The same pairs as alignSeries([technical, business], [0, lag]), without building its report.
    let n = 0;
    for (const [key, v] of technical.values) {
      const w = business.values.get(key + lag * stepMs);
      if (w === undefined) continue;
      x[n] = v;
      y[n] = w;
      n++;
    }
    const r =
      n >= 3
        ? sampleCorrelation(x.subarray(0, n) as unknown as number[], y.subarray(0, n) as unknown as number[])
        : Number.NaN;
    lags.push({ lagSteps: lag, r, n });
  }
  const candidates = lags.filter((l) => l.n >= minSamples && Number.isFinite(l.r));
  const zero = lags.find((l) => l.lagSteps === 0) as LagPoint;
  // Ties go to the smaller |lag|: a lag is only claimed when it correlates strictly better.
  const best = candidates.reduce<LagPoint>(
    (a, b) => (Math.abs(b.r) > Math.abs(a.r) + 1e-12 || !Number.isFinite(a.r) ? b : a),
    candidates.find((l) => l.lagSteps === 0) ?? candidates[0] ?? zero,
  );
  return { lags, best };
}
