import type { SeasonChoice } from './season.ts';

/** A series with its cycle and trend taken out. */
export interface Deseasonalized {
  /** What is left, keyed by timestamp in milliseconds like a CleanSeries. */
  readonly residuals: ReadonlyMap<number, number>;
  /** Mean of each slot of the cycle (slot 0: Monday 00:00 UTC for weekly, 00:00 UTC for daily); NaN where empty. */
  readonly profile: readonly number[];
  /** Trend removed, per second. */
  readonly trendPerSecond: number;
  /** Values fitted: one mean per slot with data plus the trend; the residuals have that many fewer degrees of freedom. */
  readonly parameters: number;
}

// 1970-01-01 was a Thursday: weekly slots count from the Monday after it.
const MONDAY_OFFSET_SECONDS = 4 * 86_400;

/**
 * Removes a cycle and a linear trend by least squares: a mean per slot of the cycle (every step of
 * a day or of a week is its own slot, so any shape is removed, a weekend as well as an evening dip)
 * and a slope over time. Fitted jointly (Frisch–Waugh): the slot means come first, then the trend is
 * fitted to what remains against time minus its own slot mean. Gaps only leave slots thinner.
 */
export function deseasonalize(
  values: ReadonlyMap<number, number>,
  stepSeconds: number,
  choice: SeasonChoice,
): Deseasonalized {
  const slots = choice.periodSeconds > 0 ? Math.round(choice.periodSeconds / stepSeconds) : 1;
  const slotOf = (key: number) => {
    if (slots === 1) return 0;
    const seconds = key / 1000 - MONDAY_OFFSET_SECONDS;
    const within = ((seconds % choice.periodSeconds) + choice.periodSeconds) % choice.periodSeconds;
    return Math.floor(within / stepSeconds + 1e-9) % slots;
  };
  const first = values.keys().next().value ?? 0;
  const count = new Float64Array(slots);
  const sumV = new Float64Array(slots);
  const sumT = new Float64Array(slots);
  for (const [key, v] of values) {
    const s = slotOf(key);
    count[s] = (count[s] ?? 0) + 1;
    sumV[s] = (sumV[s] ?? 0) + v;
    sumT[s] = (sumT[s] ?? 0) + (key - first) / 1000;
  }
  const profile = Array.from(count, (c, s) => (c > 0 ? (sumV[s] ?? 0) / c : Number.NaN));
  let stt = 0;
  let srt = 0;
  const centred: [number, number, number][] = [];
  for (const [key, v] of values) {
    const s = slotOf(key);
    const c = count[s] ?? 1;
    const tau = (key - first) / 1000 - (sumT[s] ?? 0) / c;
    const r = v - (profile[s] ?? 0);
    stt += tau * tau;
    srt += r * tau;
    centred.push([key, r, tau]);
  }
  // A slot seen once carries no time spread; with no spread at all there is no trend to fit.
  const trend = stt > 1e-9 ? srt / stt : 0;
  const residuals = new Map<number, number>();
  for (const [key, r, tau] of centred) residuals.set(key, r - trend * tau);
  const filled = profile.filter((p) => !Number.isNaN(p)).length;
  return { residuals, profile, trendPerSecond: trend, parameters: filled + (stt > 1e-9 ? 1 : 0) };
}
