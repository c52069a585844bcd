/** A Prometheus duration as used for rate windows, offsets and `for`: `5m`, `1h`, `1w`. */
export type Duration = `${number}${'s' | 'm' | 'h' | 'd' | 'w'}`;

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

/** Seconds in a duration string; throws on anything that is not `<integer><s|m|h|d|w>`. */
export function durationSeconds(d: string): number {
  const m = /^(\d+)([smhdw])$/.exec(d);
  if (!m) throw new Error(`"${d}" is not a duration like 5m, 1h or 1w`);
  return Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
}

/** Minutes in a duration string. */
export function durationMinutes(d: string): number {
  return durationSeconds(d) / 60;
}
