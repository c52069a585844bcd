import { promName } from '@bizmetrics/core';
import { promBucket, promCount } from '@bizmetrics/core/prometheus';
import { createRng } from '@bizmetrics/core/random';
import { afterEach, describe, expect, it } from 'vitest';
import { shopCatalog } from '../src/shop/catalog.ts';
import { DEFAULT_MIX } from '../src/traffic/mix.ts';
import { playVisit } from '../src/traffic/shop-client.ts';
import { planVisit } from '../src/traffic/visit-plan.ts';
import { type ShopHarness, startShop } from './support/shop-harness.ts';

let shop: ShopHarness | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

describe('the shop’s technical metrics under OTel semantic-convention names', { timeout: 30_000 }, () => {
  it('records HTTP, database and cache signals with the names the insights presets query', async () => {
    shop = await startShop();
    const rng = createRng(9);
    const plans = Array.from({ length: 120 }, (_, i) => planVisit(rng, DEFAULT_MIX, i));
    await Promise.all(plans.map((p) => playVisit(shop!.url, p)));
    const orders = await shop.total('business_funnel_steps_total', { funnel: 'checkout', step: 'confirmed' });
    const carts = await shop.total('business_funnel_steps_total', { funnel: 'checkout', step: 'cart_view' });

    expect(promName(shopCatalog.dbDuration)).toBe('db_client_operation_duration_seconds');
    // One INSERT per order; one SELECT per cart whose product was not cached.
    const db = promCount(shopCatalog.dbDuration);
    expect(await shop.total(db, { db_operation_name: 'INSERT', db_collection_name: 'orders' })).toBe(orders);
    const misses = await shop.total('shop_cache_lookups_total', { cache_result: 'miss' });
    const hits = await shop.total('shop_cache_lookups_total', { cache_result: 'hit' });
    expect(await shop.total(db, { db_operation_name: 'SELECT', db_system_name: 'other_sql' })).toBe(misses);
    expect(hits + misses).toBe(carts);
    expect(hits).toBeGreaterThan(0);
    expect(misses).toBeGreaterThan(0);
    // Every database call is in the histogram: one per order and one per cache miss.
    expect(await shop.total(promBucket(shopCatalog.dbDuration), { le: '+Inf' })).toBe(orders + misses);
    // The HTTP histogram carries the status code, from which the error ratio by class is computed.
    const requests = await shop.total(promCount(shopCatalog.httpDuration));
    const statuses = (await shop.samples())
      .filter((s) => s.name === promCount(shopCatalog.httpDuration))
      .map((s) => s.labels['http_response_status_code']);
    expect(requests).toBeGreaterThan(carts);
    expect(new Set(statuses.map((c) => `${c?.[0]}xx`))).toContain('2xx');
  });
});
