/** One firing period of one alert series. */
export interface Episode {
  readonly alert: string;
  readonly labels: string;
  readonly firingFrom: number;
  readonly until: number;
}

/** A range-query result: label set → timestamps (seconds) where the expression had a sample. */
export type Presence = Map<string, number[]>;

/**
 * Prometheus's `for` over a minute-step timeline: a series goes pending at its first sample,
 * fires once it has been active for `forSeconds`, and resets on the first step without a sample.
 */
export function firingEpisodes(
  alert: string,
  presence: Presence,
  forSeconds: number,
  step: number,
): Episode[] {
  const out: Episode[] = [];
  for (const [labels, times] of presence) {
    let activeSince: number | undefined;
    let firingFrom: number | undefined;
    let last: number | undefined;
    const close = () => {
      if (firingFrom !== undefined && last !== undefined)
        out.push({ alert, labels, firingFrom, until: last });
      activeSince = firingFrom = undefined;
    };
    for (const t of times) {
      if (last !== undefined && t - last > step) close();
      activeSince ??= t;
      if (firingFrom === undefined && t - activeSince >= forSeconds) firingFrom = t;
      last = t;
    }
    close();
  }
  return out.sort((a, b) => a.firingFrom - b.firingFrom);
}
