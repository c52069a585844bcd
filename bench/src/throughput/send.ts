import { Agent, request } from 'node:http';

/** What one burst of requests achieved, and what it cost the sender. */
export interface Sent {
  readonly ok: number;
  /** Non-2xx answers and network errors, by status (0 for a network error). */
  readonly failed: ReadonlyMap<number, number>;
  readonly wallSeconds: number;
  /** CPU seconds of this (the sending) process while it sent. */
  readonly senderCpuSeconds: number;
}

/** Options for {@link sendAll}. */
export interface SendOptions {
  /** Requests in all; bodies are cycled. */
  readonly count: number;
  /** Requests in flight at once (one keep-alive connection each). */
  readonly inFlight: number;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * POSTs pre-encoded bodies to `url`, `inFlight` at a time over keep-alive connections, until
 * `count` requests have been answered. The bodies are built before: the sender only writes bytes
 * and reads answers, so the target, not the load generator, sets the pace.
 */
export async function sendAll(
  url: string,
  bodies: readonly Uint8Array[],
  options: SendOptions,
): Promise<Sent> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.inFlight });
  const post = (body: Uint8Array) =>
    new Promise<number>((resolve) => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...options.headers, 'content-length': String(body.byteLength) },
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
          res.once('error', () => resolve(0));
        },
      );
      req.once('error', () => resolve(0));
      req.end(body);
    });
  let next = 0;
  let ok = 0;
  const failed = new Map<number, number>();
  const worker = async () => {
    while (next < options.count) {
      const status = await post(bodies[next++ % bodies.length]!);
      if (status >= 200 && status < 300) ok++;
      else failed.set(status, (failed.get(status) ?? 0) + 1);
    }
  };
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  try {
    await Promise.all(Array.from({ length: options.inFlight }, worker));
  } finally {
    agent.destroy();
  }
  const used = process.cpuUsage(cpu);
  return {
    ok,
    failed,
    wallSeconds: Number(process.hrtime.bigint() - start) / 1e9,
    senderCpuSeconds: (used.user + used.system) / 1e6,
  };
}
