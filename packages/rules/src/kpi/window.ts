import { parseDuration } from '@bizmetrics/core/prometheus';

/** A Prometheus duration as used for rate windows, offsets and `for`: `5m`, `1h`, `1w`. */
export type Duration = `${number}${'s' | 'm' | 'h' | 'd' | 'w'}`;

/**
 * Seconds in a duration string; throws on anything that is not `<integer><s|m|h|d|w>` (a rule
 * window is one unit). The unit sizes are core's one Prometheus duration parser's.
 */
export function durationSeconds(d: string): number {
  if (!/^\d+[smhdw]$/.test(d)) throw new Error(`"${d}" is not a duration like 5m, 1h or 1w`);
  return parseDuration(d);
}

/** Minutes in a duration string. */
export function durationMinutes(d: string): number {
  return durationSeconds(d) / 60;
}
