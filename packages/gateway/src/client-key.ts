import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** How the gateway tells clients apart for rate limiting. */
export interface ClientKeyOptions {
  /**
   * Addresses or CIDR ranges of your reverse proxies / load balancers (e.g. `10.0.0.0/8`,
   * `2001:db8::/32`). Only when the connection comes from one of them is `X-Forwarded-For` read, and
   * then the client is its rightmost address that is not a trusted proxy: hops to the left of it
   * were written by the client and may be forged. Default: none (the socket address is the client).
   */
  readonly trustedProxies?: readonly string[];
  /** IPv6 clients are keyed by this prefix length (default 64: one subscriber's network). */
  readonly ipv6PrefixBits?: number;
}

/** Thrown for a trusted-proxy entry that is not an address or CIDR range. */
export class ClientKeyConfigError extends Error {
  override name = 'ClientKeyConfigError';
}

/**
 * Builds the client key function: the real client address (see {@link ClientKeyOptions}),
 * IPv4-mapped IPv6 written as IPv4, and IPv6 aggregated to its /64 (or the configured prefix), since
 * one subscriber gets a whole /64 and can rotate addresses inside it freely.
 */
export function createClientKey(options: ClientKeyOptions = {}): (req: IncomingMessage) => string {
  const bits = options.ipv6PrefixBits ?? 64;
  const trusted = trustedList(options.trustedProxies ?? []);
  const isTrusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && trusted !== undefined && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  return (req) => {
    let client = unmapped(req.socket.remoteAddress ?? 'unknown');
    if (isTrusted(client)) {
      const hops = forwardedFor(req);
      for (let i = hops.length - 1; i >= 0; i--) {
        client = unmapped(hops[i]!);
        if (!isTrusted(client)) break;
      }
    }
    return keyOf(client, bits);
  };
}

function trustedList(entries: readonly string[]): BlockList | undefined {
  if (entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.trim().split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const bits = prefix === undefined ? max : Number(prefix);
    if (
      family === 0 ||
      !Number.isInteger(bits) ||
      bits < 0 ||
      bits > max ||
      (prefix !== undefined && !/^\d+$/.test(prefix))
    )
      throw new ClientKeyConfigError(
        `"${entry}" is not an IP address or CIDR range such as 10.0.0.0/8, 192.0.2.7 or 2001:db8::/32`,
      );
    list.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

function forwardedFor(req: IncomingMessage): string[] {
  const header = req.headers['x-forwarded-for'];
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
  return joined
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
}

function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/** IPv4 as is; IPv6 cut to `bits` (e.g. `2001:db8:1:2::/64`); anything else, clipped, as is. */
export function keyOf(address: string, bits: number): string {
  if (isIP(address) !== 6) return address.slice(0, 64);
  const groups = expandIpv6(address);
  const kept = groups.map((g, i) => {
    const from = i * 16;
    if (from >= bits) return 0;
    if (from + 16 <= bits) return g;
    return g & (0xffff << (16 - (bits - from)));
  });
  return `${kept.map((g) => g.toString(16)).join(':')}/${bits}`;
}

function expandIpv6(address: string): number[] {
  let text = address.split('%')[0]!;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => Number.parseInt(g, 16));
}
