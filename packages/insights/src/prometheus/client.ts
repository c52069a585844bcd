import { formatDuration } from '@bizmetrics/core/prometheus';
import type { Point } from '../align/series.ts';
import { PrometheusError } from './errors.ts';
import { readBody, transportError } from './response.ts';
import { mergeChunks, parseResult } from './result.ts';

/** Credentials sent with every request. */
export type PrometheusAuth =
  | { readonly bearerToken: string }
  | { readonly username: string; readonly password: string };

/** Options of {@link createPrometheusClient}. */
export interface PrometheusClientOptions {
  /** Base URL of Prometheus or VictoriaMetrics, without `/api/v1` (e.g. `http://127.0.0.1:9090`). */
  readonly url: string;
  readonly auth?: PrometheusAuth;
  /** Per-request timeout in milliseconds; default 30 000. */
  readonly timeoutMs?: number;
  /**
   * Points per series one request may ask for; default 11 000, Prometheus's fixed limit
   * (VictoriaMetrics allows 30 000 by default). Longer ranges are split into several requests
   * unless `splitLongRanges` is false, in which case they fail with a hint.
   */
  readonly maxPointsPerSeries?: number;
  /** Default true. */
  readonly splitLongRanges?: boolean;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** One series of a query result. */
export interface ResultSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly Point[];
}

/** A range query: [start, end] sampled every `stepSeconds`. */
export interface RangeQuery {
  readonly start: Date;
  readonly end: Date;
  readonly stepSeconds: number;
}

/** The two query endpoints of the Prometheus HTTP API. */
export interface PrometheusClient {
  /** `/api/v1/query_range`: one series per label set, values NaN/±Inf preserved. */
  queryRange(expr: string, range: RangeQuery): Promise<ResultSeries[]>;
  /** `/api/v1/query` at `time` (default now): one point per series (a scalar result gives one unlabeled series). */
  query(expr: string, time?: Date): Promise<ResultSeries[]>;
}

/** Creates a client of the Prometheus HTTP API (Prometheus, VictoriaMetrics, Thanos, Mimir). */
export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const base = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxPoints = options.maxPointsPerSeries ?? 11_000;
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
  };
  if (options.auth) headers.authorization = authorization(options.auth);

  async function call(path: string, params: Record<string, string>): Promise<unknown> {
    const url = `${base}/api/v1/${path}`;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers,
        body: new URLSearchParams(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw transportError(error, base, timeoutMs);
    }
    return readBody(response, url);
  }

  async function rangeChunk(expr: string, start: number, end: number, step: number): Promise<ResultSeries[]> {
    const data = await call('query_range', {
      query: expr,
      start: String(start),
      end: String(end),
      step: String(step),
    });
    return parseResult(data, 'matrix');
  }

  return {
    async queryRange(expr, range) {
      const start = range.start.getTime() / 1000;
      const end = range.end.getTime() / 1000;
      const step = range.stepSeconds;
      if (!(step > 0)) throw new RangeError(`step must be positive, got ${step}`);
      if (end < start)
        throw new RangeError(
          `range ends (${range.end.toISOString()}) before it starts (${range.start.toISOString()})`,
        );
      const points = Math.floor((end - start) / step) + 1;
      if (points <= maxPoints) return rangeChunk(expr, start, end, step);
      if (options.splitLongRanges === false) throw tooManyPoints(points, maxPoints, end - start, step);
      const chunks: ResultSeries[][] = [];
      for (let from = start; from <= end; from += maxPoints * step) {
        chunks.push(await rangeChunk(expr, from, Math.min(end, from + (maxPoints - 1) * step), step));
      }
      return mergeChunks(chunks);
    },
    async query(expr, time = new Date()) {
      const data = await call('query', { query: expr, time: String(time.getTime() / 1000) });
      return parseResult(data, 'vector');
    },
  };
}

function authorization(auth: PrometheusAuth): string {
  if ('bearerToken' in auth) return `Bearer ${auth.bearerToken}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

function tooManyPoints(
  points: number,
  maxPoints: number,
  rangeSeconds: number,
  step: number,
): PrometheusError {
  const minStep = Math.ceil(rangeSeconds / (maxPoints - 1));
  const maxRange = (maxPoints - 1) * step;
  return new PrometheusError(
    'too-many-points',
    `${points} points per series at step ${formatDuration(step)} over ${formatDuration(rangeSeconds)}; the server allows ${maxPoints}`,
    `use a step of at least ${formatDuration(minStep)}, or a range of at most ${formatDuration(maxRange)}, or allow splitting the range`,
  );
}
