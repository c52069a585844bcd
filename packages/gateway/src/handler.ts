import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BizMetrics } from '@bizmetrics/core';
import type { AllowLists } from '@bizmetrics/core/validate';
import type { Meter, MeterProvider } from '@opentelemetry/api';
import { createBrowserBudget } from './browser-budget.ts';
import { BROWSER_METRICS, type BrowserMetric, withAllowedValues } from './browser-catalog.ts';
import { createClientKey } from './client-key.ts';
import {
  type AllowedOrigins,
  answerPreflight,
  INGEST_KEY_HEADER,
  originAllowed,
  setCorsHeaders,
} from './cors.ts';
import { decodeMetricsRequest, encodeResponse, MalformedBatchError } from './decode.ts';
import { createRateLimiter } from './rate-limit.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';
import { countEvents, type Finding, judgeBatch } from './validate.ts';

/** Every limit's default; the README and `GATEWAY_ENV` document the same numbers. */
export const GATEWAY_DEFAULTS = {
  bodyLimitBytes: 65_536,
  maxPoints: 100,
  maxEvents: 1_000,
  maxEventsPerPoint: 100,
  rateBurst: 50,
  ratePerSecond: 5,
  globalRateBurst: 2_000,
  globalRatePerSecond: 1_000,
  maxClients: 10_000,
  ipv6PrefixBits: 64,
  seriesLimit: 200,
} as const;

/** Options for {@link createGatewayHandler}; `metrics` and `allowedOrigins` are required. */
export interface GatewayHandlerOptions {
  /** The service's business API (e.g. from `startBizMetrics()`): browser deltas are added to its metrics. */
  readonly metrics: BizMetrics & { readonly meterProvider?: MeterProvider };
  /**
   * The meter `metrics` records on, so browser data gets its own series budgets and guard metric on
   * the same instruments. Found by itself when `metrics` is the SDK's handle; give it when you built
   * the business API with `createBizMetrics({ meter })`. Without it browser series share the
   * service's budgets (logged once at start).
   */
  readonly meter?: Meter;
  /** Origins allowed to send (exact `scheme://host[:port]`), or `'*'` for local development only. */
  readonly allowedOrigins: AllowedOrigins;
  /** When set, requests must carry it in `X-Bizmetrics-Ingest-Key` (else 401). */
  readonly ingestKey?: string;
  /** Largest accepted body (default 65 536 bytes; browsers' keepalive budget is 60 KiB anyway). */
  readonly bodyLimitBytes?: number;
  /** Most data points per request (default 100; more: 413). */
  readonly maxPoints?: number;
  /** Most events (counter increments plus histogram counts) per request (default 1 000; more: 413). */
  readonly maxEvents?: number;
  /** Largest counter increment or histogram count per data point (default 100; more: that point dropped). */
  readonly maxEventsPerPoint?: number;
  /** Token bucket per client: `burst` requests (default 50), refilled at `perSecond` (default 5): one IP may be a whole office behind NAT. */
  readonly rateLimit?: { readonly burst?: number; readonly perSecond?: number; readonly maxClients?: number };
  /** One token bucket for all clients together (default burst 2 000, 1 000 per second). */
  readonly globalRateLimit?: { readonly burst?: number; readonly perSecond?: number };
  /** Your reverse proxies (addresses or CIDR ranges): see `createClientKey`. Default none. */
  readonly trustedProxies?: readonly string[];
  /** IPv6 clients are rate-limited by this prefix (default 64). */
  readonly ipv6PrefixBits?: number;
  /** Replaces the client key (default: from `trustedProxies` and `ipv6PrefixBits`). */
  readonly clientKey?: (req: IncomingMessage) => string;
  /** Most browser label sets per metric, apart from the service's own (default 200, at most the catalog's limit). */
  readonly seriesLimit?: number;
  /**
   * Value allow-lists by metric and label, narrower than the catalog's, e.g.
   * `{ 'business.feature.usage': { feature: ['search', 'export'] } }`; other values are recorded as
   * `other` (and counted), so a client cannot fill the series budget with invented names.
   */
  readonly allowedValues?: Readonly<Record<string, AllowLists>>;
  /** Where the one start-up notice goes (default `console.warn`). */
  readonly log?: (message: string) => void;
  /** Clock in epoch ms (default `Date.now`). */
  readonly now?: () => number;
}

/** A plain Node `http` handler; mount it on the OTLP metrics path (`/v1/metrics`). */
export type GatewayHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Why a whole request was refused; the `reason` of `bizmetrics.gateway.requests{outcome="rejected"}`. */
export type RequestRejection =
  | 'forbidden_origin'
  | 'method_not_allowed'
  | 'rate_limited'
  | 'overloaded'
  | 'unauthorized'
  | 'body_too_large'
  | 'too_many_points'
  | 'too_many_events'
  | 'unsupported_media_type'
  | 'malformed'
  | 'internal_error';

const STATUS: Record<RequestRejection, number> = {
  forbidden_origin: 403,
  method_not_allowed: 405,
  rate_limited: 429,
  overloaded: 429,
  unauthorized: 401,
  body_too_large: 413,
  too_many_points: 413,
  too_many_events: 413,
  unsupported_media_type: 415,
  malformed: 400,
  internal_error: 500,
};

/**
 * The browser gateway as a request handler: accepts OTLP/HTTP metric batches (JSON or protobuf)
 * from allowed origins, limits each client and all clients together, judges every point against
 * the browser catalog with core's shared label rules and adds the accepted deltas into the service's
 * cumulative metrics within a series budget of their own. A bad point is dropped and counted; the
 * rest of its batch is accepted and the response says how many were rejected (OTLP partial success).
 */
export function createGatewayHandler(options: GatewayHandlerOptions): GatewayHandler {
  const d = GATEWAY_DEFAULTS;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((m: string) => console.warn(m));
  const budget = createBrowserBudget({
    metrics: options.metrics,
    meter: options.meter,
    seriesLimit: options.seriesLimit ?? d.seriesLimit,
    log,
  });
  if (!budget.separate)
    log(
      'bizmetrics gateway: no meter given, so browser series share the service budgets; pass `meter` (see @bizmetrics/gateway README)',
    );
  const catalog = new Map<string, BrowserMetric>(
    withAllowedValues(BROWSER_METRICS, options.allowedValues).map((m) => [m.def.name, m]),
  );
  const perClient = createRateLimiter({
    burst: options.rateLimit?.burst ?? d.rateBurst,
    perSecond: options.rateLimit?.perSecond ?? d.ratePerSecond,
    maxClients: options.rateLimit?.maxClients ?? d.maxClients,
    now,
  });
  const global = createRateLimiter({
    burst: options.globalRateLimit?.burst ?? d.globalRateBurst,
    perSecond: options.globalRateLimit?.perSecond ?? d.globalRatePerSecond,
    maxClients: 1,
    now,
  });
  const limits = {
    maxPoints: options.maxPoints ?? d.maxPoints,
    maxEvents: options.maxEvents ?? d.maxEvents,
    maxEventsPerPoint: options.maxEventsPerPoint ?? d.maxEventsPerPoint,
  };
  const bodyLimit = options.bodyLimitBytes ?? d.bodyLimitBytes;
  const clientKey =
    options.clientKey ??
    createClientKey({ trustedProxies: options.trustedProxies, ipv6PrefixBits: options.ipv6PrefixBits });
  const ingestKey = options.ingestKey === undefined ? undefined : Buffer.from(options.ingestKey);

  const reject = (
    res: ServerResponse,
    reason: RequestRejection,
    message: string,
    headers: Record<string, string> = {},
  ) => {
    budget.requests.add(1, { outcome: 'rejected', reason });
    if (res.headersSent) return;
    res.writeHead(STATUS[reason], { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify({ code: STATUS[reason], reason, message }));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!originAllowed(req, options.allowedOrigins))
      return reject(
        res,
        'forbidden_origin',
        `origin ${clip(String(req.headers.origin ?? '(none)'))} is not allowed`,
      );
    setCorsHeaders(req, res);
    if (req.method === 'OPTIONS') return answerPreflight(req, res);
    if (req.method !== 'POST')
      return reject(res, 'method_not_allowed', 'send OTLP metrics with POST', { Allow: 'POST, OPTIONS' });
    const wait = perClient.take(clientKey(req));
    if (wait > 0)
      return reject(res, 'rate_limited', `too many requests; retry in ${wait}s`, {
        'Retry-After': `${wait}`,
      });
    const globalWait = global.take('all');
    if (globalWait > 0)
      return reject(res, 'overloaded', `the gateway is at its request limit; retry in ${globalWait}s`, {
        'Retry-After': `${globalWait}`,
      });
    if (ingestKey && !keyMatches(req.headers[INGEST_KEY_HEADER], ingestKey))
      return reject(res, 'unauthorized', `missing or wrong ${INGEST_KEY_HEADER}`);
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
    let metrics: ReturnType<typeof decodeMetricsRequest>;
    try {
      metrics = decodeMetricsRequest(body, encoding);
    } catch (error) {
      if (error instanceof MalformedBatchError) return reject(res, 'malformed', error.message);
      throw error;
    }
    const size = countEvents(metrics);
    if (size.points > limits.maxPoints)
      return reject(
        res,
        'too_many_points',
        `${size.points} data points; at most ${limits.maxPoints} per request`,
      );
    if (size.events > limits.maxEvents)
      return reject(res, 'too_many_events', `${size.events} events; at most ${limits.maxEvents} per request`);
    const judged = judgeBatch(metrics, catalog, limits);
    for (const finding of judged.findings) budget.count(finding);
    for (const delta of judged.deltas) budget.add(delta);
    budget.requests.add(
      1,
      judged.dropped > 0
        ? { outcome: 'partial', reason: 'points_dropped' }
        : { outcome: 'accepted', reason: 'ok' },
    );
    res.writeHead(200, {
      'Content-Type': encoding === 'json' ? 'application/json' : 'application/x-protobuf',
    });
    res.end(encodeResponse(encoding, judged.dropped, summary(judged.findings, judged.dropped)));
  }

  return (req, res) => {
    handle(req, res).catch((error) => reject(res, 'internal_error', String(error)));
  };
}

/** `dropped 3 points: unknown_metric ×2, forbidden_label_key ×1 (business.feature.usage: label "user_id")`. */
function summary(findings: readonly Finding[], dropped: number): string {
  if (dropped === 0) return '';
  const counts = new Map<string, number>();
  let example = '';
  for (const f of findings) {
    if (f.action !== 'dropped') continue;
    counts.set(f.reason, (counts.get(f.reason) ?? 0) + (f.count ?? 1));
    example ||= `${f.metric}: ${f.detail}`;
  }
  const reasons = [...counts].map(([r, n]) => `${r} ×${n}`).join(', ');
  return `dropped ${dropped} data point(s): ${reasons} (first: ${example})`;
}

function keyMatches(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const bytes = Buffer.from(given);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

function encodingOf(req: IncomingMessage): 'json' | 'protobuf' | undefined {
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding !== 'identity') return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  return undefined;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
