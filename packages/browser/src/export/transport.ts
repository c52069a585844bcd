/** Options for {@link createTransport}. */
export interface TransportOptions {
  /** The gateway's OTLP/HTTP metrics URL (relative URLs resolve against the page). */
  readonly url: string;
  /** Extra request headers (each one that is not CORS-safelisted costs a preflight). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Give up on one request after this long. */
  readonly timeoutMs: number;
  /** Most unsent bodies kept for the next export; the oldest is dropped beyond. */
  readonly maxQueued: number;
  /** Told how many bodies were dropped (queue full, or refused for good). */
  readonly onDrop: (dropped: number) => void;
  /** Replaces the global `fetch` (tests). */
  readonly fetch?: typeof fetch;
}

/** Sends OTLP/JSON bodies; what failed for a passing reason is kept and sent again first. */
export interface Transport {
  /** Sends `body` (if any) after the queued ones; never rejects. */
  send(body?: string): Promise<void>;
  /** Forgets every queued body (opt-out). */
  clear(): void;
}

/** Statuses worth retrying: rate limited, overloaded, or the gateway briefly away (as OTLP/HTTP says). */
const RETRYABLE = new Set([429, 502, 503, 504]);
/** Browsers refuse keepalive requests above 64 KiB in flight; stay below with a margin. */
const KEEPALIVE_BYTES = 60_000;

/**
 * `fetch` with `keepalive` (so a batch sent as the page is hidden or unloads still leaves), a
 * timeout, and a bounded queue: a body that failed with a network error or a retryable status is
 * sent again before the next one; any other refusal (400, 413, …) is final — resending cannot help.
 * A 200 with OTLP partial success means the gateway dropped some points for good: nothing to retry.
 */
export function createTransport(options: TransportOptions): Transport {
  let queue: string[] = [];
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const base = (globalThis as { location?: { href: string } }).location?.href;
  const url = base ? new URL(options.url, base).href : options.url;

  async function post(body: string): Promise<boolean> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...options.headers },
        body,
        keepalive: body.length < KEEPALIVE_BYTES,
        signal: controller.signal,
      });
      if (res.ok || !RETRYABLE.has(res.status)) {
        if (!res.ok) options.onDrop(1);
        return true;
      }
      return false;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async send(body) {
      const bodies = queue.concat(body === undefined ? [] : [body]);
      queue = [];
      // All started at once: on page hide, a request not started before the page goes is never sent.
      const sent = await Promise.all(bodies.map(post));
      queue = bodies.filter((_, i) => !sent[i]).concat(queue);
      const excess = queue.length - options.maxQueued;
      if (excess > 0) {
        queue.splice(0, excess);
        options.onDrop(excess);
      }
    },
    clear() {
      queue = [];
    },
  };
}
