import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BizMetrics, type CounterDef, type HistogramDef, selfCatalog } from '@bizmetrics/core';
import { BROWSER_METRICS, type BrowserMetric, withAllowedValues } from './browser-catalog.ts';
import { type AllowedOrigins, answerPreflight, originAllowed, setCorsHeaders } from './cors.ts';
import { decodeMetricsRequest, MalformedBatchError } from './decode.ts';
import { replayHistogram } from './histogram-replay.ts';
import { createRateLimiter } from './rate-limit.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';
import { type Delta, type RejectReason, validateBatch } from './validate.ts';

/** Options for {@link createGatewayHandler}; `metrics` and `allowedOrigins` are required. */
export interface GatewayHandlerOptions {
  /** The service's business API (e.g. from `startBizMetrics()`): browser deltas are added here. */
  readonly metrics: BizMetrics;
  /** Origins allowed to send (exact `scheme://host[:port]`), or `'*'` for local development only. */
  readonly allowedOrigins: AllowedOrigins;
  /** Largest accepted body (default 65 536 bytes; browsers' keepalive budget is 60 KiB anyway). */
  readonly bodyLimitBytes?: number;
  /** Token bucket per client: `burst` requests (default 50), refilled at `perSecond` (default 5): one IP may be a whole office behind NAT. */
  readonly rateLimit?: { readonly burst?: number; readonly perSecond?: number; readonly maxClients?: number };
  /** Most data points per request (default 200). */
  readonly maxPoints?: number;
  /** Largest counter increment or histogram count per data point (default 100). */
  readonly maxEventsPerPoint?: number;
  /** The client key rate limits apply to (default: the socket's remote address; behind a proxy, pass yours). */
  readonly clientKey?: (req: IncomingMessage) => string;
  /**
   * Value allow-lists by metric and label, narrower than the catalog's, e.g.
   * `{ 'business.feature.usage': { feature: ['search', 'export'] } }`; other values are refused
   * (`label_value`), so a client cannot fill the series limit with invented names. `other` always passes.
   */
  readonly allowedValues?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** Clock in epoch ms (default `Date.now`). */
  readonly now?: () => number;
}

/** A plain Node `http` handler; mount it on the OTLP metrics path (`/v1/metrics`). */
export type GatewayHandler = (req: IncomingMessage, res: ServerResponse) => void;

type Outcome =
  | RejectReason
  | 'forbidden_origin'
  | 'method_not_allowed'
  | 'rate_limited'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'malformed'
  | 'internal_error';

const STATUS: Record<Outcome, number> = {
  forbidden_origin: 403,
  method_not_allowed: 405,
  rate_limited: 429,
  body_too_large: 413,
  unsupported_media_type: 415,
  internal_error: 500,
  malformed: 400,
  unknown_metric: 400,
  wrong_kind: 400,
  wrong_temporality: 400,
  unknown_label: 400,
  missing_label: 400,
  label_value: 400,
  value_out_of_range: 400,
  bucket_mismatch: 400,
  too_many_points: 400,
};

/**
 * The browser gateway as a request handler: accepts OTLP/HTTP metric batches (JSON or protobuf)
 * from allowed origins, rate-limits each client, validates every batch against the browser catalog
 * and adds its deltas into the service's cumulative metrics through core's guarded API. A refused
 * batch changes no business metric; every request is counted in `bizmetrics.gateway.requests`.
 */
export function createGatewayHandler(options: GatewayHandlerOptions): GatewayHandler {
  const biz = options.metrics;
  const requests = biz.counter(selfCatalog.gatewayRequests);
  const catalog = new Map<string, BrowserMetric>(
    withAllowedValues(BROWSER_METRICS, options.allowedValues).map((m) => [m.def.name, m]),
  );
  const limiter = createRateLimiter({
    burst: options.rateLimit?.burst ?? 50,
    perSecond: options.rateLimit?.perSecond ?? 5,
    maxClients: options.rateLimit?.maxClients ?? 10_000,
    now: options.now ?? Date.now,
  });
  const limits = { maxPoints: options.maxPoints ?? 200, maxEventsPerPoint: options.maxEventsPerPoint ?? 100 };
  const bodyLimit = options.bodyLimitBytes ?? 65_536;
  const clientKey = options.clientKey ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown');

  const reject = (
    res: ServerResponse,
    outcome: Outcome,
    message: string,
    headers: Record<string, string> = {},
  ) => {
    requests.add(1, { outcome: 'rejected', reason: outcome });
    if (res.headersSent) return;
    res.writeHead(STATUS[outcome], { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify({ code: STATUS[outcome], reason: outcome, message }));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!originAllowed(req, options.allowedOrigins))
      return reject(
        res,
        'forbidden_origin',
        `origin ${String(req.headers.origin ?? '(none)')} is not allowed`,
      );
    setCorsHeaders(req, res);
    if (req.method === 'OPTIONS') return answerPreflight(req, res);
    if (req.method !== 'POST')
      return reject(res, 'method_not_allowed', 'send OTLP metrics with POST', { Allow: 'POST, OPTIONS' });
    const wait = limiter.take(clientKey(req));
    if (wait > 0)
      return reject(res, 'rate_limited', `too many requests; retry in ${wait}s`, {
        'Retry-After': `${wait}`,
      });
    const encoding = encodingOf(req);
    if (!encoding)
      return reject(
        res,
        'unsupported_media_type',
        'send application/json or application/x-protobuf, uncompressed',
      );
    let body: Uint8Array;
    try {
      body = await readBody(req, bodyLimit);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return reject(res, 'body_too_large', error.message, { Connection: 'close' });
      throw error;
    }
    let verdict: ReturnType<typeof validateBatch>;
    try {
      verdict = validateBatch(decodeMetricsRequest(body, encoding), catalog, limits);
    } catch (error) {
      if (error instanceof MalformedBatchError) return reject(res, 'malformed', error.message);
      throw error;
    }
    if (!verdict.ok) return reject(res, verdict.reason, verdict.message);
    for (const delta of verdict.deltas) add(biz, delta);
    requests.add(1, { outcome: 'accepted', reason: 'ok' });
    res.writeHead(200, {
      'Content-Type': encoding === 'json' ? 'application/json' : 'application/x-protobuf',
    });
    res.end(encoding === 'json' ? '{}' : undefined);
  }

  return (req, res) => {
    handle(req, res).catch((error) => reject(res, 'internal_error', String(error)));
  };
}

/** Adds one validated delta: counters add, histograms replay their observations. */
function add(biz: BizMetrics, delta: Delta): void {
  const def = delta.metric.def;
  if (delta.kind === 'counter') {
    if (def.kind === 'counter') biz.counter(def as CounterDef).add(delta.value, delta.labels as never);
    return;
  }
  if (def.kind !== 'histogram') return;
  const histogram = biz.histogram(def as HistogramDef);
  const values = replayHistogram(
    { bounds: def.buckets ?? [], bucketCounts: delta.bucketCounts, sum: delta.sum },
    delta.metric.maxValue ?? 0,
  );
  for (const value of values) histogram.record(value, delta.labels as never);
}

function encodingOf(req: IncomingMessage): 'json' | 'protobuf' | undefined {
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding !== 'identity') return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  return undefined;
}
