/** What the live view shows, read from Prometheus or from the shop's own /metrics. */
export interface KpiSnapshot {
  /** Where the numbers came from. */
  readonly source: 'prometheus' | 'metrics endpoint';
  readonly conversion: number | undefined;
  readonly abandonment: number | undefined;
  readonly cartViewsPerMinute: number | undefined;
  readonly ordersPerMinute: number | undefined;
  readonly paymentFailuresPerMinute: number | undefined;
  /** Revenue per minute in major units of the currency, by region. */
  readonly revenuePerMinute: readonly { region: string; currency: string; perMinute: number }[];
  /** Order value quantiles in major units, by currency. */
  readonly orderValue: readonly { currency: string; p50: number; p90: number; p99: number }[];
  readonly activeSessions: number | undefined;
  readonly newUserFeatureUsesPerMinute: number | undefined;
}

/** Reads one snapshot of the demo's KPIs over the last minute. */
export interface KpiReader {
  read(): Promise<KpiSnapshot>;
}

/** `histogram_quantile` on cumulative bucket counts (sorted by bound), interpolating linearly inside a bucket. */
export function bucketQuantile(
  q: number,
  buckets: readonly { le: number; count: number }[],
): number | undefined {
  const total = buckets.at(-1)?.count ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of buckets) {
    if (b.count >= rank) {
      if (!Number.isFinite(b.le)) return prevLe;
      return prevLe + ((b.le - prevLe) * (rank - prevCount)) / Math.max(b.count - prevCount, 1e-9);
    }
    prevLe = b.le;
    prevCount = b.count;
  }
  return prevLe;
}
