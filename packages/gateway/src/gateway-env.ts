import type { GatewayOptions } from './gateway.ts';
import { forwardedClientKey } from './gateway.ts';

/** The gateway's own settings; exporters come from the standard `OTEL_*` variables. */
export type GatewayEnvConfig = Omit<GatewayOptions, 'metrics'>;

/** Thrown for a bad gateway variable; the message names the variable, the value and what is accepted. */
export class GatewayConfigError extends Error {
  override name = 'GatewayConfigError';
}

/** The variables {@link gatewayConfigFromEnv} reads, with their defaults, for docs and `--help`. */
export const GATEWAY_ENV = {
  BIZMETRICS_GATEWAY_LISTEN: 'host:port to bind (default 127.0.0.1:4319)',
  BIZMETRICS_GATEWAY_ALLOWED_ORIGINS:
    'comma-separated origins allowed to send, e.g. https://shop.example (required; * for local development)',
  BIZMETRICS_GATEWAY_BODY_LIMIT_BYTES: 'largest request body (default 65536)',
  BIZMETRICS_GATEWAY_RATE_BURST: 'requests one client may send in a burst (default 50)',
  BIZMETRICS_GATEWAY_RATE_PER_SECOND: 'requests per second one client regains (default 5)',
  BIZMETRICS_GATEWAY_TRUST_PROXY: 'true: rate-limit by the last X-Forwarded-For address (default false)',
} as const;

/** Reads the gateway's settings from environment variables; fails loudly on any bad value. */
export function gatewayConfigFromEnv(env: Readonly<Record<string, string | undefined>>): GatewayEnvConfig {
  const origins = env['BIZMETRICS_GATEWAY_ALLOWED_ORIGINS']?.trim();
  if (!origins)
    throw new GatewayConfigError(
      'BIZMETRICS_GATEWAY_ALLOWED_ORIGINS is required: the origins of your sites, e.g. https://shop.example,https://www.shop.example',
    );
  const allowedOrigins = origins === '*' ? '*' : origins.split(',').map((o) => checkOrigin(o.trim()));
  const { host, port } = parseListen(env['BIZMETRICS_GATEWAY_LISTEN'] ?? '127.0.0.1:4319');
  const trustProxy = env['BIZMETRICS_GATEWAY_TRUST_PROXY'] ?? 'false';
  if (trustProxy !== 'true' && trustProxy !== 'false')
    throw new GatewayConfigError(`BIZMETRICS_GATEWAY_TRUST_PROXY="${trustProxy}": use true or false`);
  return {
    host,
    port,
    allowedOrigins,
    bodyLimitBytes: positive(env, 'BIZMETRICS_GATEWAY_BODY_LIMIT_BYTES', 65_536, true),
    rateLimit: {
      burst: positive(env, 'BIZMETRICS_GATEWAY_RATE_BURST', 50, true),
      perSecond: positive(env, 'BIZMETRICS_GATEWAY_RATE_PER_SECOND', 5, false),
    },
    clientKey: trustProxy === 'true' ? forwardedClientKey : undefined,
  };
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

function positive(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  integer: boolean,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))
    throw new GatewayConfigError(
      `${name}="${raw}": use a positive ${integer ? 'integer' : 'number'} (default ${fallback})`,
    );
  return value;
}
