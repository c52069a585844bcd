import { describe, expect, it } from 'vitest';
import { GatewayConfigError, gatewayConfigFromEnv } from '../src/index.ts';

const base = { BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: 'https://shop.example,https://www.shop.example' };

describe('gatewayConfigFromEnv', () => {
  it('applies defaults: loopback 4319, 64 KiB bodies, 50 burst at 5/s', () => {
    expect(gatewayConfigFromEnv(base)).toMatchObject({
      host: '127.0.0.1',
      port: 4319,
      allowedOrigins: ['https://shop.example', 'https://www.shop.example'],
      bodyLimitBytes: 65_536,
      rateLimit: { burst: 50, perSecond: 5 },
      clientKey: undefined,
    });
  });

  it('reads every variable', () => {
    const config = gatewayConfigFromEnv({
      BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: '*',
      BIZMETRICS_GATEWAY_LISTEN: '[::1]:0',
      BIZMETRICS_GATEWAY_BODY_LIMIT_BYTES: '1024',
      BIZMETRICS_GATEWAY_RATE_BURST: '5',
      BIZMETRICS_GATEWAY_RATE_PER_SECOND: '0.5',
      BIZMETRICS_GATEWAY_TRUST_PROXY: 'true',
    });
    expect(config).toMatchObject({ host: '::1', port: 0, allowedOrigins: '*', bodyLimitBytes: 1024 });
    expect(config.rateLimit).toEqual({ burst: 5, perSecond: 0.5 });
    expect(typeof config.clientKey).toBe('function');
  });

  it.each([
    [{}, /BIZMETRICS_GATEWAY_ALLOWED_ORIGINS is required/],
    [{ BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: 'https://shop.example/' }, /exactly scheme:\/\/host/],
    [{ BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: 'shop' }, /not an origin/],
    [{ ...base, BIZMETRICS_GATEWAY_LISTEN: '4319' }, /BIZMETRICS_GATEWAY_LISTEN="4319": use host:port/],
    [{ ...base, BIZMETRICS_GATEWAY_BODY_LIMIT_BYTES: '-1' }, /BIZMETRICS_GATEWAY_BODY_LIMIT_BYTES="-1"/],
    [{ ...base, BIZMETRICS_GATEWAY_RATE_BURST: '1.5' }, /positive integer/],
    [{ ...base, BIZMETRICS_GATEWAY_TRUST_PROXY: 'yes' }, /use true or false/],
  ])('fails loudly naming the variable: %j', (env, message) => {
    expect(() => gatewayConfigFromEnv(env)).toThrow(GatewayConfigError);
    expect(() => gatewayConfigFromEnv(env)).toThrow(message);
  });
});
