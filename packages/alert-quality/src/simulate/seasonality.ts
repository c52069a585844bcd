/** Shape of the simulated week; all times are minutes since the start (a Monday, 00:00). */
export interface SeasonalityOptions {
  /** Cart views per minute at the daily peak on a weekday (default 40). */
  readonly peakPerMinute?: number;
  /** Night traffic as a share of the peak (default 0.03: quiet nights). */
  readonly nightShare?: number;
  /** Weekend traffic as a share of weekdays (default 0.7: the weekend dip). */
  readonly weekendShare?: number;
}

/** Expected cart views per minute at `minute`: a diurnal curve peaking at 20:00, lower at weekends. */
export function expectedTraffic(minute: number, options: SeasonalityOptions = {}): number {
  const peak = options.peakPerMinute ?? 40;
  const night = options.nightShare ?? 0.03;
  const weekend = options.weekendShare ?? 0.7;
  const hour = (minute / 60) % 24;
  const day = Math.floor(minute / 1440) % 7;
  // Cosine day curve from 0 at 04:00 to 1 at 20:00 (16 h rise, 8 h fall), sharpened.
  const phase = hour >= 4 && hour < 20 ? (hour - 4) / 16 : 1 - ((hour + 24 - 20) % 24) / 8;
  const curve = ((1 - Math.cos(Math.PI * phase)) / 2) ** 1.5;
  return peak * (night + (1 - night) * curve) * (day >= 5 ? weekend : 1);
}
