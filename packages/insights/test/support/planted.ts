import { createRng } from '@bizmetrics/core/random';
import type { Point } from '../../src/analysis.ts';

/** Standard normal draws from a seed (the repository's one seeded source), the same on every run. */
export function normal(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.normal();
}

/** What a planted pair is built from. */
export interface PlantedOptions {
  readonly n: number;
  readonly stepSeconds: number;
  /** First timestamp, Unix seconds. */
  readonly start: number;
  /** Business follows technical this many steps later. */
  readonly lagSteps: number;
  /** Business change per technical unit. */
  readonly slope: number;
  /** Correlation between technical[t] and business[t + lag]; 0 gives independent series. */
  readonly correlation: number;
  readonly seed: number;
  /** AR(1) coefficient of the technical series (autocorrelation at one step); default 0.5. */
  readonly ar?: number;
}

/**
 * A p99-latency-like technical series (AR(1) around 300 ms, sd 50 ms) and a conversion-like
 * business series `0.08 + slope * technical[t - lag] + noise`, the noise sized so that the
 * correlation at the planted lag is `correlation`. With correlation 0 the business series is
 * an independent AR(1) series with the same spread.
 */
export function plantedPair(options: PlantedOptions): { technical: Point[]; business: Point[] } {
  const { n, stepSeconds, start, lagSteps, slope, correlation, ar = 0.5 } = options;
  const z = normal(options.seed);
  const sdTech = 0.05;
  const tech: number[] = [];
  let state = 0;
  for (let i = 0; i < n + lagSteps; i++) {
    state = ar * state + Math.sqrt(1 - ar * ar) * z();
    tech.push(0.3 + sdTech * state);
  }
  const signal = Math.abs(slope) * sdTech;
  const noiseSd = correlation === 0 ? signal : signal * Math.sqrt(1 / (correlation * correlation) - 1);
  const technical: Point[] = [];
  const business: Point[] = [];
  let other = 0;
  for (let i = 0; i < n; i++) {
    const t = start + i * stepSeconds;
    technical.push([t, tech[i + lagSteps] as number]);
    other = ar * other + Math.sqrt(1 - ar * ar) * z();
    const driver = correlation === 0 ? 0 : slope * ((tech[i] as number) - 0.3);
    const noise = correlation === 0 ? signal * other : noiseSd * z();
    business.push([t, 0.05 + driver + noise]);
  }
  return { technical, business };
}
