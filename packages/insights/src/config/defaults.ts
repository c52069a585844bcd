/**
 * Defaults of a correlation request, in the words a person or a config file gives them. Two weeks
 * is the shortest range from which a weekly cycle can be removed; 12 lags of 5 minutes look an hour
 * each way.
 */
export const CORRELATE_DEFAULTS = {
  prometheus: 'http://127.0.0.1:9090',
  range: '14d',
  step: '5m',
  maxLag: 12,
  minSamples: 30,
  alpha: 0.05,
  season: 'auto',
  timeout: '30s',
  maxPoints: 11_000,
} as const;
