/**
 * The article's events as callers pass them: 64 label sets per event (a power of two, so a loop
 * picks one with a mask), cycled so every contender hashes varied but recurring label sets.
 */
export const POOL_SIZE = 64;
export const POOL_MASK = POOL_SIZE - 1;

const STEPS = ['landing', 'product', 'cart', 'shipping', 'payment', 'confirmation'];
const SOURCES = ['google', 'newsletter', 'direct', 'partner_ads'];
const DEVICES = ['desktop', 'mobile', 'tablet'];
const VARIANTS = ['control', 'one_page_checkout'];
const CURRENCIES = ['USD', 'EUR', 'GBP'];
const CATEGORIES = ['electronics', 'books', 'garden', 'toys', 'fashion'];
const PAYMENTS = ['card', 'paypal', 'apple_pay'];
const REGIONS = ['eu-west', 'us-east', 'apac'];
const FEATURES = ['export_pdf', 'saved_search', 'bulk_edit', 'share_link', 'dark_mode', 'api_keys', 'sso'];
const TIERS = ['free', 'premium', 'enterprise'];
const PAGES = ['/', '/pricing', '/docs', '/blog/launch', '/signup'];

const pick = <T>(list: readonly T[], i: number, stride: number): T =>
  list[Math.floor(i / stride) % list.length]!;
const pool = <T>(make: (i: number) => T): readonly T[] =>
  Array.from({ length: POOL_SIZE }, (_, i) => make(i));

/** Funnel step: 5 labels. */
export const funnelSteps = pool((i) => ({
  funnel: 'checkout',
  step: pick(STEPS, i, 1),
  source: pick(SOURCES, i, 2),
  device_type: pick(DEVICES, i, 3),
  experiment_variant: pick(VARIANTS, i, 5),
}));

/** Revenue of one order: 4 labels on the counter, 2 on the order value histogram. */
export const orders = pool((i) => ({
  amountMinor: 499 + 1000 * (i % 37),
  currency: pick(CURRENCIES, i, 1),
  product_category: pick(CATEGORIES, i, 2),
  payment_method: pick(PAYMENTS, i, 3),
  region: pick(REGIONS, i, 5),
}));

/** Feature usage: 3 labels, one a boolean as callers pass it. */
export const featureUses = pool((i) => ({
  feature: pick(FEATURES, i, 1),
  user_tier: pick(TIERS, i, 2),
  new_user: i % 5 === 0,
}));

/** Ended sessions: 2 labels and a duration in seconds. */
export const sessionEnds = pool((i) => ({
  user_tier: pick(TIERS, i, 1),
  entry_page: pick(PAGES, i, 3),
  durationSeconds: 3 + ((i * 97) % 3600),
}));
