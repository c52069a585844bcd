import { formatDuration } from '@bizmetrics/core/prometheus';

/** The longest cycle removed before two series are compared. */
export type Season = 'weekly' | 'daily' | 'none';

/** Which cycle a range allows removing, and why not a longer one. */
export interface SeasonChoice {
  readonly season: Season;
  /** Length of the removed cycle in seconds (0 for `none`). */
  readonly periodSeconds: number;
  /** Set when a cycle that may be present could not be removed: what is missing and what would fix it. */
  readonly note?: string;
}

export const DAY_SECONDS = 86_400;
export const WEEK_SECONDS = 7 * DAY_SECONDS;

/**
 * The longest cycle that `spanSeconds` of data on a `stepSeconds` grid can remove. A cycle is only
 * told apart from noise with at least two whole cycles, and its profile only exists on a grid that
 * divides it. `wanted` caps the choice (`daily` never removes a weekly cycle).
 */
export function chooseSeason(
  spanSeconds: number,
  stepSeconds: number,
  wanted: 'auto' | Season = 'auto',
): SeasonChoice {
  const got = formatDuration(spanSeconds);
  const divides = (period: number) => Number.isInteger(period / stepSeconds);
  if (wanted === 'none') return { season: 'none', periodSeconds: 0 };
  const notes: string[] = [];
  if (wanted === 'auto' || wanted === 'weekly') {
    if (!divides(WEEK_SECONDS))
      notes.push(
        `the step ${formatDuration(stepSeconds)} does not divide a week: use a step such as 5m or 1h`,
      );
    else if (spanSeconds >= 2 * WEEK_SECONDS) return { season: 'weekly', periodSeconds: WEEK_SECONDS };
    else notes.push(`needs ≥ 2 weeks to remove a weekly cycle; got ${got}`);
  }
  if (divides(DAY_SECONDS) && spanSeconds >= 2 * DAY_SECONDS)
    return {
      season: 'daily',
      periodSeconds: DAY_SECONDS,
      ...(notes.length > 0 ? { note: `${notes.join('; ')}: reporting daily-adjusted only` } : {}),
    };
  // Whatever kept the weekly cycle in, the daily one is what is missing now: name only that.
  const daily = divides(DAY_SECONDS)
    ? `needs ≥ 2 days to remove a daily cycle; got ${got}`
    : `the step ${formatDuration(stepSeconds)} does not divide a day: use a step such as 5m or 1h`;
  return {
    season: 'none',
    periodSeconds: 0,
    note: `${daily}: only a linear trend is removed, so a rhythm both series share can still look like a relationship`,
  };
}
