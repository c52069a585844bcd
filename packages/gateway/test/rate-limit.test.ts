import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/rate-limit.ts';

describe('createRateLimiter', () => {
  it('refills at the configured rate', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 2, perSecond: 1, maxClients: 10, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1]);
    now += 1000;
    expect(limiter.take('a')).toBe(0);
  });

  it('keeps at most maxClients buckets, forgetting the least recently seen', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001, maxClients: 3, now: () => 0 });
    for (const c of ['a', 'b', 'c', 'd', 'e']) limiter.take(c);
    expect(limiter.size).toBe(3);
    expect(limiter.take('e')).toBeGreaterThan(0);
    expect(limiter.take('a')).toBe(0);
  });
});
