import { createRng } from '@bizmetrics/core/random';
import { DEFAULT_MIX, type TrafficMix } from './mix.ts';
import { playVisit } from './shop-client.ts';
import { planVisit } from './visit-plan.ts';

/** Options for {@link startTraffic}. */
export interface TrafficOptions {
  /** The shop, e.g. `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  /** Mean new visitors per second (Poisson arrivals); default 5. */
  readonly visitorsPerSecond?: number;
  readonly seed?: number;
  readonly mix?: TrafficMix;
  /** Median pause between two requests of a visit, in seconds (default 1.5; 0: none). */
  readonly thinkSeconds?: number;
  /** Visits in flight at most; arrivals beyond are dropped and counted (default 500). */
  readonly maxInFlight?: number;
}

/** Counts of what the generator did. */
export interface TrafficStats {
  visits: number;
  orders: number;
  paymentFailures: number;
  featureRefusals: number;
  /** Visits that failed on the network or with an unexpected answer. */
  failedVisits: number;
  dropped: number;
  inFlight: number;
}

/** A running traffic generator. */
export interface Traffic {
  readonly stats: Readonly<TrafficStats>;
  /** Stops new arrivals, cuts visits in flight short (the shop ends them as idle) and waits for them. */
  stop(): Promise<void>;
}

/** Starts sending simulated shoppers to the shop over HTTP. */
export function startTraffic(options: TrafficOptions): Traffic {
  const rng = createRng(options.seed ?? 1);
  const mix = options.mix ?? DEFAULT_MIX;
  const rate = options.visitorsPerSecond ?? 5;
  // Pauses draw from their own stream, so the visits planned for a seed do not depend on them.
  const thinkRng = createRng((options.seed ?? 1) + 0x9e3779b9);
  const thinkSeconds = options.thinkSeconds ?? 1.5;
  const thinkMs = () => (thinkSeconds > 0 ? thinkRng.logNormal(thinkSeconds * 1000, 0.6) : 0);
  const maxInFlight = options.maxInFlight ?? 500;
  const stats: TrafficStats = {
    visits: 0,
    orders: 0,
    paymentFailures: 0,
    featureRefusals: 0,
    failedVisits: 0,
    dropped: 0,
    inFlight: 0,
  };
  const running = new Set<Promise<void>>();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const arrive = () => {
    if (stopped) return;
    const plan = planVisit(rng, mix, stats.visits);
    stats.visits++;
    if (stats.inFlight >= maxInFlight) stats.dropped++;
    else {
      stats.inFlight++;
      const visit = playVisit(options.baseUrl, plan, thinkMs, abort.signal)
        .then((o) => {
          if (o.reached === 'confirmed') stats.orders++;
          stats.paymentFailures += o.paymentFailures;
          stats.featureRefusals += o.featureRefusals;
        })
        .catch(() => {
          if (!stopped) stats.failedVisits++;
        })
        .finally(() => {
          stats.inFlight--;
          running.delete(visit);
        });
      running.add(visit);
    }
    // Exponential gaps between arrivals: a Poisson process at `rate`.
    timer = setTimeout(arrive, (-Math.log(1 - rng.next()) / rate) * 1000);
  };
  timer = setTimeout(arrive, 0);

  return {
    stats,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      abort.abort();
      await Promise.allSettled([...running]);
    },
  };
}
