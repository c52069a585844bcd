import { describe, expect, it } from 'vitest';
import { GATEWAY_DEFAULTS, GATEWAY_ENV, GatewayConfigError, gatewayConfigFromEnv } from '../src/index.ts';

const base = { BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: 'https://shop.example,https://www.shop.example' };

describe('gatewayConfigFromEnv', () => {
  it('applies the documented defaults', () => {
    expect(gatewayConfigFromEnv(base)).toEqual({
      host: '127.0.0.1',
      port: 4319,
      allowedOrigins: ['https://shop.example', 'https://www.shop.example'],
      ingestKey: undefined,
      bodyLimitBytes: 65_536,
      maxPoints: 100,
      maxEvents: 1_000,
      maxEventsPerPoint: 100,
      rateLimit: { burst: 50, perSecond: 5, maxClients: 10_000 },
      globalRateLimit: { burst: 2_000, perSecond: 1_000 },
      trustedProxies: [],
      ipv6PrefixBits: 64,
      seriesLimit: 200,
      allowedValues: undefined,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 15_000,
      maxConnections: 1_024,
    });
  });

  it('documents every default it applies', () => {
    for (const [key, value] of Object.entries(GATEWAY_DEFAULTS)) {
      const documented = Object.values(GATEWAY_ENV).some((text) => text.includes(`(default ${value})`));
      expect(documented, `${key} = ${value}`).toBe(true);
    }
  });

  it('reads every variable', () => {
    const config = gatewayConfigFromEnv({
      BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: '*',
      BIZMETRICS_GATEWAY_LISTEN: '[::1]:0',
      BIZMETRICS_GATEWAY_INGEST_KEY: 'k-0123456789abcdef',
      BIZMETRICS_GATEWAY_BODY_LIMIT_BYTES: '1024',
      BIZMETRICS_GATEWAY_MAX_POINTS: '10',
      BIZMETRICS_GATEWAY_MAX_EVENTS: '20',
      BIZMETRICS_GATEWAY_MAX_EVENTS_PER_POINT: '5',
      BIZMETRICS_GATEWAY_RATE_BURST: '5',
      BIZMETRICS_GATEWAY_RATE_PER_SECOND: '0.5',
      BIZMETRICS_GATEWAY_GLOBAL_RATE_BURST: '100',
      BIZMETRICS_GATEWAY_GLOBAL_RATE_PER_SECOND: '50',
      BIZMETRICS_GATEWAY_MAX_CLIENTS: '99',
      BIZMETRICS_GATEWAY_TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::/32',
      BIZMETRICS_GATEWAY_IPV6_PREFIX: '56',
      BIZMETRICS_GATEWAY_SERIES_LIMIT: '30',
      BIZMETRICS_GATEWAY_ALLOWED_VALUES: '{"business.feature.usage":{"feature":["search"]}}',
      BIZMETRICS_GATEWAY_HEADERS_TIMEOUT_MS: '2000',
      BIZMETRICS_GATEWAY_REQUEST_TIMEOUT_MS: '3000',
      BIZMETRICS_GATEWAY_MAX_CONNECTIONS: '64',
    });
    expect(config).toEqual({
      host: '::1',
      port: 0,
      allowedOrigins: '*',
      ingestKey: 'k-0123456789abcdef',
      bodyLimitBytes: 1024,
      maxPoints: 10,
      maxEvents: 20,
      maxEventsPerPoint: 5,
      rateLimit: { burst: 5, perSecond: 0.5, maxClients: 99 },
      globalRateLimit: { burst: 100, perSecond: 50 },
      trustedProxies: ['10.0.0.0/8', '2001:db8::/32'],
      ipv6PrefixBits: 56,
      seriesLimit: 30,
      allowedValues: { 'business.feature.usage': { feature: ['search'] } },
      headersTimeoutMs: 2000,
      requestTimeoutMs: 3000,
      maxConnections: 64,
    });
  });

  it.each([
    [{}, /BIZMETRICS_GATEWAY_ALLOWED_ORIGINS is required/],
    [{ BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: 'https://shop.example/' }, /exactly scheme:\/\/host/],
    [{ BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: 'shop' }, /not an origin/],
    [{ ...base, BIZMETRICS_GATEWAY_LISTEN: '4319' }, /BIZMETRICS_GATEWAY_LISTEN="4319": use host:port/],
    [
      { ...base, BIZMETRICS_GATEWAY_BODY_LIMIT_BYTES: '-1' },
      /BIZMETRICS_GATEWAY_BODY_LIMIT_BYTES="-1" is not valid: expected a positive integer/,
    ],
    [
      { ...base, BIZMETRICS_GATEWAY_RATE_BURST: '1.5' },
      /BIZMETRICS_GATEWAY_RATE_BURST="1.5" is not valid: expected a positive integer/,
    ],
    [
      { ...base, BIZMETRICS_GATEWAY_GLOBAL_RATE_PER_SECOND: 'fast' },
      /BIZMETRICS_GATEWAY_GLOBAL_RATE_PER_SECOND="fast" is not valid: expected a positive number/,
    ],
    [{ ...base, BIZMETRICS_GATEWAY_MAX_POINTS: '0' }, /BIZMETRICS_GATEWAY_MAX_POINTS="0"/],
    [
      { ...base, BIZMETRICS_GATEWAY_TRUSTED_PROXIES: '10.0.0.0/40' },
      /BIZMETRICS_GATEWAY_TRUSTED_PROXIES: "10.0.0.0\/40" is not an IP address or CIDR range/,
    ],
    [
      { ...base, BIZMETRICS_GATEWAY_IPV6_PREFIX: '16' },
      /BIZMETRICS_GATEWAY_IPV6_PREFIX="16": use an integer from 32 to 128/,
    ],
    [
      { ...base, BIZMETRICS_GATEWAY_INGEST_KEY: 'short' },
      /BIZMETRICS_GATEWAY_INGEST_KEY: use 16 to 256 visible ASCII/,
    ],
    [
      { ...base, BIZMETRICS_GATEWAY_ALLOWED_VALUES: '{"a":["b"]}' },
      /BIZMETRICS_GATEWAY_ALLOWED_VALUES: use JSON/,
    ],
    [{ ...base, BIZMETRICS_GATEWAY_ALLOWED_VALUES: '{' }, /BIZMETRICS_GATEWAY_ALLOWED_VALUES is not JSON/],
    [
      { ...base, BIZMETRICS_GATEWAY_TRUST_PROXY: 'true' },
      /no longer read: list your proxies in BIZMETRICS_GATEWAY_TRUSTED_PROXIES/,
    ],
  ])('fails loudly naming the variable: %j', (env, message) => {
    expect(() => gatewayConfigFromEnv(env)).toThrow(GatewayConfigError);
    expect(() => gatewayConfigFromEnv(env)).toThrow(message);
  });
});
