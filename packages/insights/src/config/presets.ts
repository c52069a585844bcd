import type { businessKpis, technicalKpis } from './kpis.ts';

/** A named pair of KPIs to correlate (`--preset`). */
export interface CorrelationPreset {
  readonly technical: keyof typeof technicalKpis;
  readonly business: keyof typeof businessKpis;
  readonly description: string;
}

/** Named pairs over the example shop's metrics; `latency-conversion` is the default. */
export const correlationPresets = {
  'latency-conversion': {
    technical: 'p99_latency',
    business: 'checkout_conversion',
    description: 'p99 HTTP server latency against checkout conversion (the seed example)',
  },
  'errors-abandonment': {
    technical: 'error_ratio',
    business: 'checkout_abandonment',
    description: 'share of 5xx answers against checkout abandonment',
  },
  'client-errors-abandonment': {
    technical: 'client_error_ratio',
    business: 'checkout_abandonment',
    description: 'share of 4xx answers (declined payments, expired carts) against checkout abandonment',
  },
  'database-conversion': {
    technical: 'db_p99_latency',
    business: 'checkout_conversion',
    description: 'p99 database operation latency against checkout conversion',
  },
  'cache-conversion': {
    technical: 'cache_hit_ratio',
    business: 'checkout_conversion',
    description: 'product cache hit ratio against checkout conversion',
  },
  'latency-purchases': {
    technical: 'p99_latency',
    business: 'purchases_per_minute',
    description: 'p99 HTTP server latency against purchases per minute',
  },
} as const satisfies Record<string, CorrelationPreset>;

/** The pair `bizmetrics correlate` uses when none is named. */
export const DEFAULT_PRESET = 'latency-conversion';
