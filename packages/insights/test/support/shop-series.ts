import type { Point } from '../../src/analysis.ts';
import type { Family } from './openmetrics.ts';
import { normal } from './planted.ts';

/** What the simulated shop is built from. */
export interface ShopOptions {
  /** Unix seconds of the first block's end; samples are every minute, five per block. */
  readonly start: number;
  /** Five-minute blocks. */
  readonly blocks: number;
  /** Conversion follows latency this many blocks later. */
  readonly lagBlocks: number;
  /** Conversion change per second of p99 latency (e.g. -0.5: +100 ms → −5 percentage points). */
  readonly slope: number;
  /** Correlation between p99 latency and the conversion `lagBlocks` later. */
  readonly correlation: number;
  readonly seed: number;
}

const BUCKETS = Array.from({ length: 20 }, (_, i) => Number(((i + 1) * 0.05).toFixed(2)));
const REQUESTS_PER_MINUTE = 1000;
const CARTS_PER_MINUTE = 200;

/**
 * The example service's series as Prometheus would store them: the OTel HTTP server histogram
 * `http_server_request_duration_seconds_bucket` and the catalog's checkout funnel counter.
 * Within each 5-minute block the p99 latency and the checkout conversion are constant, so that
 * the default queries evaluated at block ends read back exactly the planted values:
 * `histogram_quantile(0.99, …)` sees 1000 requests per minute split between a fast bucket and
 * the bucket holding the planted p99, sized so that linear interpolation lands on it.
 */
export function shopFamilies(options: ShopOptions): {
  families: Family[];
  latency: number[];
  conversion: number[];
} {
  const z = normal(options.seed);
  const sd = 0.05;
  const ar = 0.5;
  const raw: number[] = [];
  let state = 0;
  for (let b = 0; b < options.blocks + options.lagBlocks; b++) {
    state = ar * state + Math.sqrt(1 - ar * ar) * z();
    raw.push(Math.min(0.95, Math.max(0.1, 0.3 + sd * state)));
  }
  const noiseSd = Math.abs(options.slope) * sd * Math.sqrt(1 / options.correlation ** 2 - 1);
  const latency = raw.slice(options.lagBlocks);
  const conversion = raw
    .slice(0, options.blocks)
    .map((l) => Math.min(0.95, Math.max(0.02, 0.3 + options.slope * (l - 0.3) + noiseSd * z())));

  const buckets = new Map<string, Point[]>([
    ...BUCKETS.map((le) => [`{le="${le}"}`, []] as [string, Point[]]),
    ['{le="+Inf"}', []],
  ]);
  const carts: Point[] = [];
  const confirmed: Point[] = [];
  const totals = new Array<number>(BUCKETS.length + 1).fill(0);
  let cartTotal = 0;
  let confirmedTotal = 0;
  for (let b = 0; b < options.blocks; b++) {
    const perBucket = minuteHistogram(latency[b] as number);
    for (let minute = 4; minute >= 0; minute--) {
      const t = options.start + b * 300 - minute * 60;
      perBucket.forEach((count, i) => {
        totals[i] = (totals[i] as number) + count;
      });
      [...buckets.values()].forEach((points, i) => {
        points.push([t, round(totals[i] as number)]);
      });
      cartTotal += CARTS_PER_MINUTE;
      confirmedTotal += CARTS_PER_MINUTE * (conversion[b] as number);
      carts.push([t, cartTotal]);
      confirmed.push([t, round(confirmedTotal)]);
    }
  }
  // Two scraped instances with the same traffic: the default queries must aggregate over them.
  const instances = ['shop-a:9464', 'shop-b:9464'];
  const labelled = (series: ReadonlyMap<string, Point[]>) =>
    new Map(
      instances.flatMap((instance) =>
        [...series].map(
          ([labels, points]) => [`{job="shop",instance="${instance}",${labels.slice(1)}`, points] as const,
        ),
      ),
    );
  const families: Family[] = [
    { name: 'http_server_request_duration_seconds_bucket', type: 'gauge', series: labelled(buckets) },
    {
      name: 'business_funnel_steps_total',
      type: 'counter',
      series: labelled(
        new Map([
          ['{funnel="checkout",step="cart_view"}', carts],
          ['{funnel="checkout",step="confirmed"}', confirmed],
        ]),
      ),
    },
  ];
  return { families, latency, conversion };
}

/** Cumulative bucket increments for one minute whose p99 (by linear interpolation) is `p99`. */
function minuteHistogram(p99: number): number[] {
  const index = BUCKETS.findIndex((le) => le >= p99);
  const hi = BUCKETS[index] as number;
  const lo = hi - 0.05;
  // Fast requests F at ≤ 50 ms, slow ones S = 1000 − F in (lo, hi]: p99 = lo + 0.05 (990 − F) / S.
  const f = Math.min(0.98, (p99 - lo) / 0.05);
  const fast = (990 - 1000 * f) / (1 - f);
  return [...BUCKETS.map((le) => (le >= hi ? REQUESTS_PER_MINUTE : fast)), REQUESTS_PER_MINUTE];
}

function round(v: number): number {
  return Number(v.toFixed(6));
}
