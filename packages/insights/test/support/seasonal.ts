import type { Point } from '../../src/analysis.ts';
import { normal } from './planted.ts';

/** Monday 2026-01-05 00:00 UTC: weekly slots and the traffic curve start on a Monday. */
export const MONDAY = Date.UTC(2026, 0, 5) / 1000;

/**
 * Traffic as a share of the weekday peak at `minute` since a Monday 00:00: a day that rises from
 * 04:00 to a 20:00 peak and falls by midnight, quiet nights (3 %), weekends at 70 %. The shape of the
 * alert-quality simulator's week; kept here because test data must not reach into another package's
 * internals (that simulator moved out of rules while this was written).
 */
export function weeklyTraffic(minute: number, peak = 1): number {
  const hour = (minute / 60) % 24;
  const day = Math.floor(minute / 1440) % 7;
  const phase = hour >= 4 && hour < 20 ? (hour - 4) / 16 : 1 - ((hour + 24 - 20) % 24) / 8;
  const curve = ((1 - Math.cos(Math.PI * phase)) / 2) ** 1.5;
  return peak * (0.03 + 0.97 * curve) * (day >= 5 ? 0.7 : 1);
}

/** What a seasonal pair is built from. */
export interface SeasonalOptions {
  readonly days: number;
  readonly stepSeconds: number;
  /** Unix seconds of the first sample; default {@link MONDAY}. */
  readonly start?: number;
  /** Business follows the technical series' own variation this many steps later. */
  readonly lagSteps: number;
  /** Business change per second of technical variation; 0 plants no relationship. */
  readonly slope: number;
  readonly seed: number;
}

/**
 * Two series that share a daily and weekly cycle and nothing else unless `slope` ≠ 0: p99 latency
 * rises with traffic (0.2 s + 0.15 s × traffic share + AR(1) noise, sd 20 ms), conversion dips an
 * hour after the traffic peak (0.30 − 0.08 × traffic share an hour earlier + its own AR(1) noise,
 * sd 0.8 percentage points) plus `slope` × the latency noise `lagSteps` earlier. Raw, they look
 * strongly related; with the cycles removed only the planted effect is left.
 */
export function seasonalPair(options: SeasonalOptions): {
  technical: Point[];
  business: Point[];
  /** Latency noise (what the business series reacts to), for checking a recovered slope. */
  noise: number[];
} {
  const { days, stepSeconds, lagSteps, slope } = options;
  const start = options.start ?? MONDAY;
  const n = Math.round((days * 86_400) / stepSeconds);
  const z = normal(options.seed);
  const traffic = (t: number) => weeklyTraffic((t - MONDAY) / 60);
  const ar = (phi: number, sd: number) => {
    let state = 0;
    return () => {
      state = phi * state + Math.sqrt(1 - phi * phi) * z();
      return sd * state;
    };
  };
  const latencyNoise = ar(0.6, 0.02);
  const conversionNoise = ar(0.5, 0.008);
  const noise = Array.from({ length: n + lagSteps }, latencyNoise);
  const technical: Point[] = [];
  const business: Point[] = [];
  for (let i = 0; i < n; i++) {
    const t = start + i * stepSeconds;
    technical.push([t, 0.2 + 0.15 * traffic(t) + (noise[i + lagSteps] as number)]);
    const effect = slope * (noise[i] as number);
    business.push([t, 0.3 - 0.08 * traffic(t - 3600) + effect + conversionNoise()]);
  }
  return { technical, business, noise };
}
