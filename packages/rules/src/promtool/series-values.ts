/** A stretch of a counter series that grows by `perMinute` every minute. */
export interface Segment {
  readonly minutes: number;
  readonly perMinute: number;
}

const fmt = (v: number): string => String(Number(v.toFixed(6)));

/**
 * promtool's expanding notation for a counter sampled every minute from 0: the first sample is 0,
 * then each minute adds its segment's `perMinute` (`0+5x60 305+1x9` = 60 minutes at 5, 10 at 1).
 */
export function counterValues(segments: readonly Segment[]): string {
  const parts: string[] = [];
  let value = 0;
  for (const [i, s] of segments.entries()) {
    if (s.minutes < 1) continue;
    if (i === 0) parts.push(`0+${fmt(s.perMinute)}x${s.minutes}`);
    else if (s.minutes === 1) parts.push(fmt(value + s.perMinute));
    else parts.push(`${fmt(value + s.perMinute)}+${fmt(s.perMinute)}x${s.minutes - 1}`);
    value += s.perMinute * s.minutes;
  }
  return parts.join(' ');
}
