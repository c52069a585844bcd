import { describe, expect, it } from 'vitest';
import { defaultRoutePattern } from '../src/index.ts';

describe('defaultRoutePattern', () => {
  it.each([
    ['/orders/12345', '/orders/:id'],
    ['/users/3f2b8c1e-9a4d-4e5f-8a6b-7c8d9e0f1a2b/settings', '/users/:id/settings'],
    ['/p/a1b2c3d4e5f6a7b8c9d0', '/p/:id'],
    ['/invite/jane@example.com', '/invite/:id'],
    ['/', '/'],
    ['/Products/Shoes/', '/products/shoes'],
  ])('maps %s to %s', (pathname, expected) => {
    expect(defaultRoutePattern({ pathname })).toBe(expected);
  });

  it('drops the query string and hash', () => {
    expect(defaultRoutePattern({ pathname: '/search', search: '?q=secret&token=abc', hash: '#x' })).toBe(
      '/search',
    );
  });

  it('keeps at most 60 characters', () => {
    expect(defaultRoutePattern({ pathname: `/${'a'.repeat(100)}` }).length).toBe(60);
  });
});
