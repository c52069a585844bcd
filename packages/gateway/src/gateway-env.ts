import type { AllowLists } from '@bizmetrics/core/validate';
import { BizMetricsConfigError, createEnvReader } from '@bizmetrics/sdk/config';
import { ClientKeyConfigError, createClientKey } from './client-key.ts';
import type { GatewayOptions } from './gateway.ts';
import { GATEWAY_DEFAULTS } from './handler.ts';

/** The gateway's own settings; exporters come from the standard `OTEL_*` variables. */
export type GatewayEnvConfig = Omit<GatewayOptions, 'metrics' | 'meter'>;

/** Thrown for a bad gateway variable; the message names the variable, the value and what is accepted. */
export class GatewayConfigError extends Error {
  override name = 'GatewayConfigError';
}

const d = GATEWAY_DEFAULTS;

/** The variables {@link gatewayConfigFromEnv} reads, with their defaults, for docs and `--help`. */
export const GATEWAY_ENV = {
  BIZMETRICS_GATEWAY_LISTEN: 'host:port to bind (default 127.0.0.1:4319)',
  BIZMETRICS_GATEWAY_ALLOWED_ORIGINS:
    'comma-separated origins allowed to send, e.g. https://shop.example (required; * for local development)',
  BIZMETRICS_GATEWAY_INGEST_KEY:
    'when set, requests must carry it in X-Bizmetrics-Ingest-Key (default: none)',
  BIZMETRICS_GATEWAY_BODY_LIMIT_BYTES: `largest request body; more: 413 (default ${d.bodyLimitBytes})`,
  BIZMETRICS_GATEWAY_MAX_POINTS: `most data points per request; more: 413 (default ${d.maxPoints})`,
  BIZMETRICS_GATEWAY_MAX_EVENTS: `most events (counts) per request; more: 413 (default ${d.maxEvents})`,
  BIZMETRICS_GATEWAY_MAX_EVENTS_PER_POINT: `largest count in one data point; more: point dropped (default ${d.maxEventsPerPoint})`,
  BIZMETRICS_GATEWAY_RATE_BURST: `requests one client may send in a burst (default ${d.rateBurst})`,
  BIZMETRICS_GATEWAY_RATE_PER_SECOND: `requests per second one client regains (default ${d.ratePerSecond})`,
  BIZMETRICS_GATEWAY_GLOBAL_RATE_BURST: `requests all clients together may send in a burst (default ${d.globalRateBurst})`,
  BIZMETRICS_GATEWAY_GLOBAL_RATE_PER_SECOND: `requests per second all clients together regain (default ${d.globalRatePerSecond})`,
  BIZMETRICS_GATEWAY_MAX_CLIENTS: `clients whose rate is tracked; least recently seen forgotten (default ${d.maxClients})`,
  BIZMETRICS_GATEWAY_TRUSTED_PROXIES:
    'comma-separated addresses or CIDR ranges of your proxies; the client is the rightmost untrusted X-Forwarded-For hop (default: none, the socket address)',
  BIZMETRICS_GATEWAY_IPV6_PREFIX: `IPv6 clients are keyed by this prefix length, 32 to 128 (default ${d.ipv6PrefixBits})`,
  BIZMETRICS_GATEWAY_SERIES_LIMIT: `browser label sets per metric, apart from the service's (default ${d.seriesLimit})`,
  BIZMETRICS_GATEWAY_ALLOWED_VALUES:
    'JSON value allow-lists, e.g. {"business.feature.usage":{"feature":["search","export"]}}; other values become other (default: none)',
  BIZMETRICS_GATEWAY_HEADERS_TIMEOUT_MS: 'time a client has to send its headers (default 10000)',
  BIZMETRICS_GATEWAY_REQUEST_TIMEOUT_MS: 'time a client has to send its whole request (default 15000)',
  BIZMETRICS_GATEWAY_MAX_CONNECTIONS: 'open connections at most; more are closed at once (default 1024)',
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the gateway's settings from environment variables; fails loudly on any bad value. */
export function gatewayConfigFromEnv(env: Env): GatewayEnvConfig {
  if (env['BIZMETRICS_GATEWAY_TRUST_PROXY'] !== undefined)
    throw new GatewayConfigError(
      'BIZMETRICS_GATEWAY_TRUST_PROXY is no longer read: list your proxies in BIZMETRICS_GATEWAY_TRUSTED_PROXIES (addresses or CIDR ranges, e.g. 10.0.0.0/8)',
    );
  const origins = env['BIZMETRICS_GATEWAY_ALLOWED_ORIGINS']?.trim();
  if (!origins)
    throw new GatewayConfigError(
      'BIZMETRICS_GATEWAY_ALLOWED_ORIGINS is required: the origins of your sites, e.g. https://shop.example,https://www.shop.example',
    );
  const allowedOrigins = origins === '*' ? '*' : origins.split(',').map((o) => checkOrigin(o.trim()));
  const { host, port } = parseListen(env['BIZMETRICS_GATEWAY_LISTEN'] ?? '127.0.0.1:4319');
  const trustedProxies = list(env['BIZMETRICS_GATEWAY_TRUSTED_PROXIES']);
  const ipv6PrefixBits = positive(env, 'BIZMETRICS_GATEWAY_IPV6_PREFIX', d.ipv6PrefixBits, true);
  if (ipv6PrefixBits < 32 || ipv6PrefixBits > 128)
    throw new GatewayConfigError(
      `BIZMETRICS_GATEWAY_IPV6_PREFIX="${ipv6PrefixBits}": use an integer from 32 to 128 (default 64)`,
    );
  try {
    createClientKey({ trustedProxies, ipv6PrefixBits });
  } catch (error) {
    if (error instanceof ClientKeyConfigError)
      throw new GatewayConfigError(`BIZMETRICS_GATEWAY_TRUSTED_PROXIES: ${error.message}`);
    throw error;
  }
  const ingestKey = env['BIZMETRICS_GATEWAY_INGEST_KEY'];
  if (ingestKey !== undefined && !/^[\x21-\x7e]{16,256}$/.test(ingestKey))
    throw new GatewayConfigError(
      'BIZMETRICS_GATEWAY_INGEST_KEY: use 16 to 256 visible ASCII characters (no spaces), or leave it unset',
    );
  return {
    host,
    port,
    allowedOrigins,
    ingestKey,
    bodyLimitBytes: positive(env, 'BIZMETRICS_GATEWAY_BODY_LIMIT_BYTES', d.bodyLimitBytes, true),
    maxPoints: positive(env, 'BIZMETRICS_GATEWAY_MAX_POINTS', d.maxPoints, true),
    maxEvents: positive(env, 'BIZMETRICS_GATEWAY_MAX_EVENTS', d.maxEvents, true),
    maxEventsPerPoint: positive(env, 'BIZMETRICS_GATEWAY_MAX_EVENTS_PER_POINT', d.maxEventsPerPoint, true),
    rateLimit: {
      burst: positive(env, 'BIZMETRICS_GATEWAY_RATE_BURST', d.rateBurst, true),
      perSecond: positive(env, 'BIZMETRICS_GATEWAY_RATE_PER_SECOND', d.ratePerSecond, false),
      maxClients: positive(env, 'BIZMETRICS_GATEWAY_MAX_CLIENTS', d.maxClients, true),
    },
    globalRateLimit: {
      burst: positive(env, 'BIZMETRICS_GATEWAY_GLOBAL_RATE_BURST', d.globalRateBurst, true),
      perSecond: positive(env, 'BIZMETRICS_GATEWAY_GLOBAL_RATE_PER_SECOND', d.globalRatePerSecond, false),
    },
    trustedProxies,
    ipv6PrefixBits,
    seriesLimit: positive(env, 'BIZMETRICS_GATEWAY_SERIES_LIMIT', d.seriesLimit, true),
    allowedValues: allowedValues(env['BIZMETRICS_GATEWAY_ALLOWED_VALUES']),
    headersTimeoutMs: positive(env, 'BIZMETRICS_GATEWAY_HEADERS_TIMEOUT_MS', 10_000, true),
    requestTimeoutMs: positive(env, 'BIZMETRICS_GATEWAY_REQUEST_TIMEOUT_MS', 15_000, true),
    maxConnections: positive(env, 'BIZMETRICS_GATEWAY_MAX_CONNECTIONS', 1_024, true),
  };
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const VALUES_HELP =
  'use JSON: metric name → label → list of values, e.g. {"business.feature.usage":{"feature":["search","export"]}}';

function allowedValues(raw: string | undefined): Record<string, AllowLists> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new GatewayConfigError(`BIZMETRICS_GATEWAY_ALLOWED_VALUES is not JSON: ${VALUES_HELP}`);
  }
  const ok =
    isRecord(parsed) &&
    Object.values(parsed).every(
      (labels) =>
        isRecord(labels) &&
        Object.values(labels).every(
          (values) => Array.isArray(values) && values.every((v) => typeof v === 'string'),
        ),
    );
  if (!ok) throw new GatewayConfigError(`BIZMETRICS_GATEWAY_ALLOWED_VALUES: ${VALUES_HELP}`);
  return parsed as Record<string, AllowLists>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkOrigin(origin: string): string {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw new GatewayConfigError(
      `BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: "${origin}" is not an origin such as https://shop.example`,
    );
  }
  if (parsed.origin !== origin)
    throw new GatewayConfigError(
      `BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: "${origin}" must be exactly scheme://host[:port] ("${parsed.origin}"), no path or trailing slash`,
    );
  return origin;
}

function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(value.trim());
  const port = Number(match?.[3]);
  if (!match || !Number.isInteger(port) || port < 0 || port > 65_535)
    throw new GatewayConfigError(
      `BIZMETRICS_GATEWAY_LISTEN="${value}": use host:port, e.g. 127.0.0.1:4319 or [::1]:4319`,
    );
  return { host: (match[1] ?? match[2])!, port };
}

/** A positive number or integer, read by the SDK's one env reader; errors stay GatewayConfigErrors. */
function positive(env: Env, name: string, fallback: number, integer: boolean): number {
  try {
    return createEnvReader(env).positive(name, fallback, integer);
  } catch (error) {
    if (error instanceof BizMetricsConfigError) throw new GatewayConfigError(error.message);
    throw error;
  }
}
