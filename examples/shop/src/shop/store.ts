import { setTimeout as sleep } from 'node:timers/promises';
import type { BizMetrics } from '@bizmetrics/core';
import { createRng } from '@bizmetrics/core/random';
import { shopCatalog } from './catalog.ts';

/** The shop's simulated SQL store behind a product cache: what its technical metrics measure. */
export interface Store {
  /** Reads a product's price list, from the cache when it holds it. */
  readProduct(): Promise<void>;
  /** Writes an order row. */
  saveOrder(): Promise<void>;
}

/** Options of {@link createStore}. */
export interface StoreOptions {
  /** Seeds the simulated latencies and product picks, apart from the shop's own randomness. */
  readonly seed?: number;
  /** Median database round trip in milliseconds (default 2). */
  readonly medianMs?: number;
  /** How long a product stays cached (default 30 s). */
  readonly cacheTtlMs?: number;
  /** Products in the catalogue; popular ones are read far more often (default 500). */
  readonly products?: number;
}

/**
 * A store with log-normal round trips recorded as `db.client.operation.duration.seconds` and a
 * product cache counting hits and misses, so the shop has the database and cache signals a real one
 * would, named by the OTel semantic conventions.
 */
export function createStore(biz: BizMetrics, options: StoreOptions = {}): Store {
  const rng = createRng(options.seed ?? 0x5eed);
  const duration = biz.histogram(shopCatalog.dbDuration);
  const lookups = biz.counter(shopCatalog.cacheLookups);
  for (const cache_result of ['hit', 'miss'] as const)
    biz.prime(shopCatalog.cacheLookups, [{ cache_name: 'products', cache_result }]);
  const cached = new Map<number, number>();
  const ttl = options.cacheTtlMs ?? 30_000;
  const products = options.products ?? 500;
  const query = async (operation: 'SELECT' | 'INSERT', collection: 'products' | 'orders') => {
    const start = process.hrtime.bigint();
    await sleep(rng.logNormal(options.medianMs ?? 2, 0.5));
    duration.record(Number(process.hrtime.bigint() - start) / 1e9, {
      db_system_name: 'other_sql',
      db_operation_name: operation,
      db_collection_name: collection,
    });
  };
  return {
    async readProduct() {
      // Squaring a uniform draw makes low ids popular, as a shop's best sellers are.
      const id = Math.floor(rng.next() ** 2 * products);
      const now = Date.now();
      const hit = (cached.get(id) ?? 0) > now;
      lookups.add(1, { cache_name: 'products', cache_result: hit ? 'hit' : 'miss' });
      if (hit) return;
      await query('SELECT', 'products');
      cached.set(id, now + ttl);
    },
    saveOrder: () => query('INSERT', 'orders'),
  };
}
