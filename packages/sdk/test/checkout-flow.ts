import type { BizMetricsHandle } from '../src/index.ts';

export const WEB = { source: 'google', device_type: 'desktop', experiment_variant: 'A' } as const;
export const ORDER = {
  amountMinor: 4999,
  currency: 'USD',
  product_category: 'books',
  payment_method: 'card',
  region: 'us',
} as const;
/** Seconds between the converting journey's start and its last step (plus test run time). */
export const SECONDS_TO_CONVERT = 120;

/**
 * The source article's checkout and engagement flow, touching every standard metric once: one
 * journey through all five steps (cart view → shipping → payment → review → confirmed), one left
 * after shipping, one order's revenue, a refund, a feature use, a session and active users.
 */
export function recordCheckoutFlow(biz: BizMetricsHandle): void {
  const checkout = biz.funnel('checkout', ['cart_view', 'shipping', 'payment', 'review', 'confirmed'], {
    conversionType: 'purchase',
  });
  const bought = checkout.start(WEB, { startedAt: Date.now() - SECONDS_TO_CONVERT * 1000 });
  for (const step of checkout.steps) bought.step(step);
  const left = checkout.start(WEB);
  left.step('cart_view');
  left.step('shipping');
  left.end();
  biz.revenue(ORDER);
  biz.refund({ ...ORDER, amountMinor: 999 });
  biz.featureUsed({ feature: 'wishlist', user_tier: 'premium', new_user: true });
  biz.sessionStarted({ user_tier: 'premium', entry_page: '/' });
  biz.sessionEnded({ user_tier: 'premium', entry_page: '/', durationSeconds: 300 });
  biz.milestone({ milestone: 'first_order', user_tier: 'premium' });
  biz.onActiveUsers(() => [
    { window: 'daily', user_tier: 'premium', count: 12 },
    { window: 'weekly', user_tier: 'premium', count: 40 },
  ]);
}
