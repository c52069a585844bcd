import type { Encoding } from './batches.ts';

/** Points a target has taken in, finished with (exported) and refused or lost, from its own telemetry. */
export interface Progress {
  readonly accepted: number;
  readonly done: number;
  readonly failed: number;
}

/** A process under load: where to POST, its pid (for CPU seconds) and its own counters. */
export interface Target {
  readonly pid: number;
  /** The OTLP/HTTP metrics URL (`…/v1/metrics`). */
  readonly url: string;
  /** Headers every request carries besides `content-type` (a browser's `Origin`, say). */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether it takes deltas (browsers' batches) or cumulative sums (services' batches). */
  readonly temporality: 'delta' | 'cumulative';
  progress(): Promise<Progress>;
  /** Resolves once every point accepted since `from` has left the target, exported or failed. */
  drained(from: Progress): Promise<void>;
  /** Stops the process by its own pid and waits for its exit. */
  stop(): Promise<void>;
}

export const CONTENT_TYPE: Record<Encoding, string> = {
  json: 'application/json',
  protobuf: 'application/x-protobuf',
};

/**
 * The sum of every series of one metric in a Prometheus text exposition whose labels contain
 * `having` (e.g. `outcome="accepted"`); `_total` is optional, as exporters differ on it.
 */
export function sumOf(exposition: string, name: string, having = ''): number {
  const line = new RegExp(`^${name}(?:_total)?(\\{[^}]*\\})? (\\S+)`);
  let sum = 0;
  for (const l of exposition.split('\n')) {
    const m = line.exec(l);
    if (m && (m[1] ?? '').includes(having)) sum += Number(m[2]);
  }
  return sum;
}

/** Fetches a `/metrics` page (bounded, so a hung target fails the run instead of stalling it). */
export async function scrape(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.text();
}
