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

/**
 * The samples promtool loads for a series written by {@link counterValues}, as its parser builds
 * them: `a+bxn` is a, a+b, … by repeated addition (n + 1 values), a lone number is one sample.
 */
export function expandValues(notation: string): number[] {
  const out: number[] = [];
  for (const part of notation.split(' ')) {
    const m = /^(-?[\d.]+)(?:([+-][\d.]+)x(\d+))?$/.exec(part);
    if (!m) throw new Error(`cannot expand series values "${part}"`);
    let v = Number(m[1]);
    if (m[2] === undefined) {
      out.push(v);
      continue;
    }
    for (let i = 0; i <= Number(m[3]); i++) {
      out.push(v);
      v += Number(m[2]);
    }
  }
  return out;
}
