import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createClientKey } from '../src/ingest.ts';

const req = (remote: string, xff?: string) =>
  ({ socket: { remoteAddress: remote }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as IncomingMessage;

describe('client key for rate limiting', () => {
  it('uses the socket address and ignores X-Forwarded-For from an untrusted peer', () => {
    const key = createClientKey();
    expect(key(req('203.0.113.9', '1.2.3.4'))).toBe('203.0.113.9');
    expect(key(req('::ffff:203.0.113.9'))).toBe('203.0.113.9');
  });

  it('behind trusted proxies takes the rightmost untrusted hop, so a forged left part changes nothing', () => {
    const key = createClientKey({ trustedProxies: ['10.0.0.0/8', '192.0.2.1'] });
    expect(key(req('10.1.1.1', '198.51.100.7'))).toBe('198.51.100.7');
    expect(key(req('10.1.1.1', 'forged-1, 6.6.6.6, 198.51.100.7, 192.0.2.1'))).toBe('198.51.100.7');
    expect(key(req('10.1.1.1', '9.9.9.9, 198.51.100.7'))).toBe('198.51.100.7');
  });

  it('aggregates IPv6 clients by /64: rotating addresses inside a subscriber network is one client', () => {
    const key = createClientKey();
    const a = key(req('2001:db8:1:2:aaaa:bbbb:cccc:dddd'));
    expect(a).toBe('2001:db8:1:2:0:0:0:0/64');
    expect(key(req('2001:db8:1:2::1'))).toBe(a);
    expect(key(req('2001:db8:1:3::1'))).not.toBe(a);
    expect(createClientKey({ ipv6PrefixBits: 48 })(req('2001:db8:1:ffff::1'))).toBe(
      '2001:db8:1:0:0:0:0:0/48',
    );
  });

  it('refuses a trusted-proxy entry that is not an address or range', () => {
    expect(() => createClientKey({ trustedProxies: ['10.0.0.0/33'] })).toThrow(/not an IP address or CIDR/);
    expect(() => createClientKey({ trustedProxies: ['proxy.local'] })).toThrow(/not an IP address or CIDR/);
  });
});
