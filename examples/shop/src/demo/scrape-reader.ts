import { standardCatalog as c, promName } from '@bizmetrics/core';
import { currencyExponent } from '@bizmetrics/core/catalog';
import { promBucket, promCount } from '@bizmetrics/core/prometheus';
import { shopCatalog } from '../shop/catalog.ts';
import { parseExposition, type Sample } from './exposition.ts';
import { bucketQuantile, type KpiReader, type KpiSnapshot } from './kpi-snapshot.ts';

type Match = Readonly<Record<string, string>>;

/**
 * KPIs from the shop's own /metrics, without Prometheus: counter increases between the newest scrape
 * and the oldest one within `windowMs`, per minute.
 */
export function createScrapeReader(metricsUrl: string, windowMs = 60_000): KpiReader {
  const history: { at: number; samples: Sample[] }[] = [];
  return {
    async read() {
      const res = await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) });
      const now = { at: Date.now(), samples: parseExposition(await res.text()) };
      history.push(now);
      while (history.length > 2 && now.at - history[1]!.at >= windowMs) history.shift();
      const then = history[0]!;
      const minutes = (now.at - then.at) / 60_000;
      return snapshot(now.samples, history.length > 1 ? then.samples : [], minutes);
    },
  };
}

function snapshot(now: Sample[], then: Sample[], minutes: number): KpiSnapshot {
  const key = (s: Sample) => `${s.name}${JSON.stringify(s.labels)}`;
  const before = new Map(then.map((s) => [key(s), s.value]));
  const increase = (s: Sample) => {
    const old = before.get(key(s)) ?? 0;
    return s.value >= old ? s.value - old : s.value; // a reset starts from 0
  };
  const matches = (s: Sample, name: string, m: Match) =>
    s.name === name && Object.entries(m).every(([k, v]) => s.labels[k] === v);
  const grouped = (name: string, m: Match, by: readonly string[]) => {
    const groups = new Map<string, { labels: Record<string, string>; value: number }>();
    for (const s of now)
      if (matches(s, name, m)) {
        const labels = Object.fromEntries(by.map((b) => [b, s.labels[b] ?? '']));
        const k = JSON.stringify(labels);
        const g = groups.get(k) ?? { labels, value: 0 };
        g.value += increase(s);
        groups.set(k, g);
      }
    return [...groups.values()];
  };
  const total = (name: string, m: Match = {}) => grouped(name, m, []).reduce((sum, g) => sum + g.value, 0);
  const perMinute = (n: number) => (minutes > 0 ? n / minutes : undefined);
  const ratio = (a: number, b: number) => (minutes > 0 && b > 0 ? a / b : undefined);

  const steps = promName(c.funnelSteps);
  const carts = total(steps, { funnel: 'checkout', step: 'cart_view' });
  const revenue = grouped(promName(c.revenue), {}, ['region', 'currency'])
    .filter(() => minutes > 0)
    .map((g) => ({
      region: g.labels['region']!,
      currency: g.labels['currency']!,
      perMinute: g.value / minutes / 10 ** (currencyExponent(g.labels['currency']!) ?? 2),
    }));
  const bucketsByCurrency = new Map<string, { le: number; count: number }[]>();
  for (const g of grouped(promBucket(c.orderValue), {}, ['currency', 'le'])) {
    const list = bucketsByCurrency.get(g.labels['currency']!) ?? [];
    list.push({ le: Number(g.labels['le']), count: g.value });
    bucketsByCurrency.set(g.labels['currency']!, list);
  }
  const orderValue = [...bucketsByCurrency]
    .map(([currency, buckets]) => {
      buckets.sort((a, b) => a.le - b.le);
      const scale = 10 ** (currencyExponent(currency) ?? 2);
      const q = (p: number) => (bucketQuantile(p, buckets) ?? Number.NaN) / scale;
      return { currency, p50: q(0.5), p90: q(0.9), p99: q(0.99) };
    })
    .filter((o) => !Number.isNaN(o.p50));
  const active = now.filter((s) => s.name === promName(shopCatalog.activeSessions));
  return {
    source: 'metrics endpoint',
    conversion: ratio(total(steps, { funnel: 'checkout', step: 'confirmed' }), carts),
    abandonment: ratio(total(promName(c.funnelAbandonments), { funnel: 'checkout' }), carts),
    cartViewsPerMinute: perMinute(carts),
    ordersPerMinute: perMinute(total(promCount(c.orderValue))),
    paymentFailuresPerMinute: perMinute(total(promName(shopCatalog.paymentFailures))),
    revenuePerMinute: revenue,
    orderValue,
    activeSessions: active.length ? active.reduce((s, x) => s + x.value, 0) : undefined,
    newUserFeatureUsesPerMinute: perMinute(total(promName(c.featureUsage), { new_user: 'true' })),
  };
}
