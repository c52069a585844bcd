/** Options for {@link createRateLimiter}. */
export interface RateLimitOptions {
  /** Requests a client may make in a burst (bucket size). */
  readonly burst: number;
  /** Requests per second a client regains. */
  readonly perSecond: number;
  /** Most clients tracked; the least recently seen is forgotten beyond (bounded memory). */
  readonly maxClients: number;
  readonly now: () => number;
}

/** Token buckets by key. */
export interface RateLimiter {
  /** Takes one token for `client`; returns 0 when allowed, else the whole seconds until the next token. */
  take(client: string): number;
  readonly size: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client key in a bounded map: a Map keeps insertion order, and every use moves
 * the client to the end, so evicting the first entry forgets the least recently seen client. With
 * `maxClients: 1` and one key it is the global limit.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    take(client) {
      const now = options.now();
      const bucket = buckets.get(client) ?? { tokens: options.burst, at: now };
      buckets.delete(client);
      bucket.tokens = Math.min(options.burst, bucket.tokens + ((now - bucket.at) / 1000) * options.perSecond);
      bucket.at = now;
      buckets.set(client, bucket);
      if (buckets.size > options.maxClients) buckets.delete(buckets.keys().next().value!);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / options.perSecond));
    },
    get size() {
      return buckets.size;
    },
  };
}
