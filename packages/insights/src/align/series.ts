/** One sample: Unix time in seconds and the value (NaN and ±Inf allowed, as Prometheus sends them). */
export type Point = readonly [timestampSeconds: number, value: number];

/**
 * A named series as a query returned it. `counter` marks raw cumulative counters, which are
 * turned into per-second rates (with resets detected) before any statistics; `gauge` (the
 * default) is used as is — rates, ratios and quantiles from PromQL are gauges here.
 */
export interface Series {
  readonly name: string;
  readonly points: readonly Point[];
  readonly kind?: 'gauge' | 'counter';
}

/** A run of missing steps between two received samples. */
export interface Gap {
  /** First missing timestamp (seconds). */
  readonly from: number;
  /** Last missing timestamp (seconds). */
  readonly to: number;
  readonly missingSteps: number;
}

/** What cleaning found in one series, reported rather than silently fixed. */
export interface SeriesQuality {
  readonly name: string;
  readonly kind: 'gauge' | 'counter';
  /** Samples received. */
  readonly received: number;
  /** NaN or ±Inf samples dropped (e.g. a ratio whose denominator was 0). */
  readonly nonFinite: number;
  /** Counter decreases treated as restarts from zero (counters only). */
  readonly counterResets: number;
  /** Runs of steps without a sample. */
  readonly gaps: readonly Gap[];
  /** Steps without a usable sample, gaps and non-finite samples together. */
  readonly missingSteps: number;
}

/** A cleaned series: finite values keyed by timestamp in milliseconds, on a step grid. */
export interface CleanSeries {
  readonly name: string;
  readonly stepSeconds: number;
  readonly values: ReadonlyMap<number, number>;
  readonly quality: SeriesQuality;
}
